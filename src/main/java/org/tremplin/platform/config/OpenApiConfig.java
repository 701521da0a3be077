package org.tremplin.platform.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document, with HTTP basic declared so that Swagger UI's "Authorize" signs requests in. */
@Configuration
public class OpenApiConfig {

    @Bean
    public OpenAPI tremplinOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Tremplin API").version("0.1.0")
                        .description("Event-sourced workflow engine for the R&D-to-growth funding cycle of "
                                + "competitiveness clusters. Errors are RFC 7807 problem+json.")
                        .license(new License().name("Demo data: ANR open data, Licence Ouverte / Etalab 2.0")))
                .components(new Components().addSecuritySchemes("basic",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }
}

package org.tremplin.platform.process;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class CamundaWebConfig {

    @Bean
    public CamundaAuthenticationFilter camundaAuthenticationFilter(IdentityService identityService) {
        return new CamundaAuthenticationFilter(identityService);
    }

    /** The filter runs inside Spring Security's chain only, after authentication. */
    @Bean
    public FilterRegistrationBean<CamundaAuthenticationFilter> camundaAuthenticationFilterRegistration(
            CamundaAuthenticationFilter filter) {
        FilterRegistrationBean<CamundaAuthenticationFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }
}

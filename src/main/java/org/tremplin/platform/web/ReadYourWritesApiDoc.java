package org.tremplin.platform.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.StringSchema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;

/** Declares the {@value ReadModels#HEADER} response header on every successful answer of a write under /api. */
@Component
class ReadYourWritesApiDoc implements OpenApiCustomizer {

    private static final Set<PathItem.HttpMethod> READS = Set.of(PathItem.HttpMethod.GET, PathItem.HttpMethod.HEAD,
            PathItem.HttpMethod.OPTIONS, PathItem.HttpMethod.TRACE);
    private static final String DESCRIPTION = "Present, with the value `pending`, when the write is stored but the read "
            + "models had not all processed it when the answer was sent (they normally have: a write answers once every "
            + "read model, on every node, shows it, waiting at most 2 s). A read right after a `pending` answer may not "
            + "show the write yet; retry it shortly.";

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> {
            if (!path.startsWith("/api/")) {
                return;
            }
            item.readOperationsMap().forEach((method, operation) -> {
                if (READS.contains(method) || operation.getResponses() == null) {
                    return;
                }
                operation.getResponses().forEach((status, response) -> {
                    if (status.startsWith("2")) {
                        response.addHeaderObject(ReadModels.HEADER, new Header().description(DESCRIPTION)
                                .schema(new StringSchema()._enum(List.of(ReadModels.PENDING))));
                    }
                });
            });
        });
    }
}

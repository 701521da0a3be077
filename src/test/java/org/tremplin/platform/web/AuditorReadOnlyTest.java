package org.tremplin.platform.web;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.tremplin.support.ApiTestSupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Auditors read everything and change nothing: every write endpoint of the API answers them 403. */
class AuditorReadOnlyTest extends ApiTestSupport {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    void every_write_endpoint_refuses_an_auditor_and_stores_nothing() {
        List<String[]> writes = new ArrayList<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(path -> path.startsWith("/api/") && !path.startsWith("/api/audit/"))
                .forEach(path -> info.getMethodsCondition().getMethods().stream()
                        .filter(method -> method != RequestMethod.GET && method != RequestMethod.HEAD)
                        .forEach(method -> writes.add(new String[] {method.name(), path}))));
        assertThat(writes).as("write endpoints found").hasSizeGreaterThan(10);
        long eventsBefore = storedEventCount();

        for (String[] write : writes) {
            String path = write[1].replaceAll("\\{[^}]+}", "X-1");
            ResponseEntity<Map<String, Object>> response = exchange(AUDITOR, HttpMethod.valueOf(write[0]), path, Map.of());
            assertThat(response.getStatusCode().value()).as("%s %s", write[0], path).isEqualTo(403);
            assertThat((String) response.getBody().get("detail")).as("%s %s", write[0], path)
                    .contains("Auditors read everything and change nothing");
        }
        assertThat(storedEventCount()).isEqualTo(eventsBefore);
    }

    @Test
    void an_auditor_still_reads_and_uses_the_audit_tools() {
        assertThat(get(AUDITOR, "/api/organisations/X-1").getStatusCode().value()).isEqualTo(404);
        assertThat(getList(AUDITOR, "/api/projects").getStatusCode().value()).isEqualTo(200);
        assertThat(post(AUDITOR, "/api/audit/verify", Map.of()).getStatusCode().value()).isEqualTo(200);
    }
}

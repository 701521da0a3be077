package org.tremplin.project;

import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.tremplin.support.ApiTestSupport;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A project as of any instant, rebuilt from its events, equals what the read model showed at that instant. */
class ProjectAsOfTest extends ApiTestSupport {

    @Test
    void the_state_as_of_each_past_instant_equals_what_was_observed_then() {
        ObservedLabelling labelling = refusedLabellingObserved("As-of");
        String projectId = labelling.projectId();

        for (Observation observation : labelling.observations()) {
            ResponseEntity<Map<String, Object>> asOf = get(AUDITOR, "/api/projects/" + projectId + "?asOf=" + observation.at());
            assertThat(asOf.getStatusCode().value()).isEqualTo(200);
            assertThat(asOf.getBody()).as("as of %s", observation.at()).isEqualTo(observation.seen());
        }
        assertThat(labelling.observations()).extracting(o -> o.seen().get("status")).containsExactly("CONSORTIUM_BUILDING",
                "CONSORTIUM_BUILDING", "CONSORTIUM_BUILDING", "UNDER_REVIEW", "LABEL_REFUSED", "LABEL_REFUSED");
        assertThat(get(AUDITOR, "/api/projects/" + projectId + "?asOf=" + labelling.beforeTheProject()).getStatusCode().value())
                .isEqualTo(404);
        assertThat(get(labelling.carrier(), "/api/projects/" + projectId + "?asOf=" + Instant.now()).getStatusCode().value())
                .isEqualTo(403);
        ResponseEntity<Map<String, Object>> malformed = get(AUDITOR, "/api/projects/" + projectId + "?asOf=yesterday");
        assertThat(malformed.getStatusCode().value()).isEqualTo(400);
        assertThat((String) malformed.getBody().get("detail")).contains("asOf");
    }
}

package org.tremplin.project;

import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.tremplin.project.process.LabellingProcess;
import org.tremplin.project.process.ProjectLifecycleProcess;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A project as of any instant, rebuilt from its events, equals what the read model showed at that instant. */
class ProjectAsOfTest extends ApiTestSupport {

    private record Observation(Instant at, Map<String, Object> seen) {
    }

    @Test
    void the_state_as_of_each_past_instant_equals_what_was_observed_then() {
        List<Observation> observations = new ArrayList<>();
        String carrier = newUser("carrier", Roles.CARRIER);
        String large = newUser("large", Roles.CARRIER);
        String lab = newUser("lab", Roles.CARRIER);
        String reviewerA = newUser("reviewer", Roles.REVIEWER);
        String reviewerB = newUser("reviewer", Roles.REVIEWER);
        String carrierOrg = newOrganisation("As-of SME", "SME", carrier);
        String largeOrg = newOrganisation("As-of Large", "LARGE_COMPANY", large);
        String labOrg = newOrganisation("As-of Lab", "RESEARCH_LAB", lab);
        Instant beforeTheProject = Instant.now();

        String projectId = (String) post(carrier, "/api/projects", Map.of("title", "Time travel for auditors",
                "summary", "Replay any instant.", "thematicAxis", "Digital", "confidentiality", "RESTRICTED",
                "carrierOrganisationId", carrierOrg, "plannedBudget", 1000)).getBody().get("id");
        observations.add(observe(projectId));
        post(carrier, "/api/projects/" + projectId + "/invitations", Map.of("organisationId", largeOrg));
        post(carrier, "/api/projects/" + projectId + "/invitations", Map.of("organisationId", labOrg));
        observations.add(observe(projectId));
        post(large, "/api/projects/" + projectId + "/partners/" + largeOrg + "/join", Map.of("role", "Integration", "plannedBudget", 2000.5));
        post(large, "/api/projects/" + projectId + "/partners/" + largeOrg + "/nda", Map.of());
        post(lab, "/api/projects/" + projectId + "/partners/" + labOrg + "/join", Map.of("role", "Science", "plannedBudget", 3000));
        post(lab, "/api/projects/" + projectId + "/partners/" + labOrg + "/nda", Map.of());
        observations.add(observe(projectId));
        complete(carrier, awaitTask(carrier, projectId, ProjectLifecycleProcess.Elements.USER_BUILD_CONSORTIUM),
                Map.of("consortiumComplete", true));
        complete(STAFF, awaitTask(STAFF, projectId, LabellingProcess.Elements.USER_ASSIGN_REVIEWERS),
                Map.of("reviewers", reviewerA + "," + reviewerB, "reviewDeadline", LocalDate.now().plusDays(9).toString()));
        observations.add(observe(projectId));
        complete(reviewerA, awaitTask(reviewerA, projectId, LabellingProcess.Elements.USER_REVIEW_FILE),
                Map.of("score", 18, "recommendation", "GRANT", "conclusions", "Excellent."));
        complete(reviewerB, awaitTask(reviewerB, projectId, LabellingProcess.Elements.USER_REVIEW_FILE),
                Map.of("score", 9, "recommendation", "REFUSE", "conclusions", "Weak market study."));
        complete(STAFF, awaitTask(STAFF, projectId, LabellingProcess.Elements.USER_DECIDE_LABEL),
                Map.of("granted", false, "reasons", "Market not demonstrated."));
        observations.add(observe(projectId));
        complete(STAFF, awaitTask(STAFF, projectId, LabellingProcess.Elements.USER_COMMUNICATE_CONCLUSIONS), Map.of());
        observations.add(observe(projectId));

        for (Observation observation : observations) {
            ResponseEntity<Map<String, Object>> asOf = get(AUDITOR, "/api/projects/" + projectId + "?asOf=" + observation.at());
            assertThat(asOf.getStatusCode().value()).isEqualTo(200);
            assertThat(asOf.getBody()).as("as of %s", observation.at()).isEqualTo(observation.seen());
        }
        assertThat(observations).extracting(o -> o.seen().get("status")).containsExactly("CONSORTIUM_BUILDING",
                "CONSORTIUM_BUILDING", "CONSORTIUM_BUILDING", "UNDER_REVIEW", "LABEL_REFUSED", "LABEL_REFUSED");
        assertThat(get(AUDITOR, "/api/projects/" + projectId + "?asOf=" + beforeTheProject).getStatusCode().value())
                .isEqualTo(404);
        assertThat(get(carrier, "/api/projects/" + projectId + "?asOf=" + Instant.now()).getStatusCode().value())
                .isEqualTo(403);
        ResponseEntity<Map<String, Object>> malformed = get(AUDITOR, "/api/projects/" + projectId + "?asOf=yesterday");
        assertThat(malformed.getStatusCode().value()).isEqualTo(400);
        assertThat((String) malformed.getBody().get("detail")).contains("asOf");
    }

    /** What the live read model shows the auditor right now, and when. */
    private Observation observe(String projectId) {
        Map<String, Object> seen = get(AUDITOR, "/api/projects/" + projectId).getBody();
        return new Observation(Instant.now(), seen);
    }
}

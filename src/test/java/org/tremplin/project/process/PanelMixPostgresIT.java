package org.tremplin.project.process;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.tremplin.organisation.api.ReviewerBackground;
import org.tremplin.project.api.PanelMember;
import org.tremplin.project.api.ReviewersAssignedEvent;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;
import org.tremplin.support.OnEmbeddedPostgres;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pole's panel-mix rule end to end on PostgreSQL (src/docs/review-panels.md), with the trio a pole would configure
 * ({@code tremplin.labelling.panel-mix=LARGE_COMPANY,SME,RESEARCH_LAB}; this class has its own context for it): an
 * assignment through {@code user_assign_reviewers} that breaks the mix is a problem naming what is missing and who
 * declared nothing, stores nothing and leaves the task open; once the backgrounds are declared it is accepted and the
 * event records the mix that was checked.
 */
@OnEmbeddedPostgres
@TestPropertySource(properties = {"tremplin.labelling.panel-mix=LARGE_COMPANY,SME,RESEARCH_LAB",
        "tremplin.labelling.min-reviewers=3"})
class PanelMixPostgresIT extends ApiTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    private MockMvc mvc;

    @Test
    void a_panel_breaking_the_mix_is_refused_with_nothing_stored_then_a_mixed_panel_is_accepted() throws Exception {
        ApiConsortium c = consortiumThroughApi("Mixed panel lidar", "Mixed Groupe SA");
        String large = newUser("large.expert", Roles.REVIEWER);
        String sme = newUser("sme.expert", Roles.REVIEWER);
        String lab = newUser("lab.expert", Roles.REVIEWER);
        declare(large, "LARGE_COMPANY", "Airbus");
        declare(sme, "LARGE_COMPANY", "Thales");
        completeOk(c.carrierUser(), awaitTask(c.carrierUser(), c.projectId(), "user_build_consortium"),
                Map.of("consortiumComplete", true));
        Map<String, Object> task = awaitTask(STAFF, c.projectId(), "user_assign_reviewers");
        LocalDate due = LocalDate.now().plusDays(10);
        int eventsBefore = events(c.projectId()).size();
        // the assignment page states the pole's mix and each reviewer's background
        String page = mvc.perform(MockMvcRequestBuilders.get("/tasks/" + task.get("id"))
                        .with(SecurityMockMvcRequestPostProcessors.user(STAFF).roles(Roles.POLE_STAFF)))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(page).contains("at least one reviewer of each of Large company, SME, Research lab",
                "(Large company)", "(no background declared)");

        ResponseEntity<Map<String, Object>> refused = complete(STAFF, task,
                Map.of("reviewers", large + ", " + sme + ", " + lab, "reviewDeadline", due.toString()));

        assertProblem(refused, 422, "missing [SME, RESEARCH_LAB]", "have not declared a background: " + lab);
        assertThat(refused.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(events(c.projectId())).hasSize(eventsBefore);
        assertThat(awaitTask(STAFF, c.projectId(), "user_assign_reviewers").get("id")).isEqualTo(task.get("id"));

        // staff correct one background on the reviewer's behalf, the lab expert declares its own
        assertThat(exchange(STAFF, HttpMethod.PUT, "/api/reviewers/" + sme + "/background",
                Map.of("background", "SME", "organisationName", "Lynred")).getStatusCode().value()).isEqualTo(200);
        declare(lab, "RESEARCH_LAB", "CNRS");
        completeOk(STAFF, task, Map.of("reviewers", large + ", " + sme + ", " + lab, "reviewDeadline", due.toString()));

        assertThat(events(c.projectId()).stream().map(m -> (Object) m.getPayload()).toList())
                .filteredOn(ReviewersAssignedEvent.class::isInstance)
                .containsExactly(new ReviewersAssignedEvent(c.projectId(), List.of(large, sme, lab), due,
                        List.of(new PanelMember(large, ReviewerBackground.LARGE_COMPANY),
                                new PanelMember(sme, ReviewerBackground.SME),
                                new PanelMember(lab, ReviewerBackground.RESEARCH_LAB)),
                        List.of(ReviewerBackground.LARGE_COMPANY, ReviewerBackground.SME, ReviewerBackground.RESEARCH_LAB)));
        awaitTask(lab, c.projectId(), "user_review_file");
    }

    private void declare(String reviewer, String background, String organisation) {
        ResponseEntity<Map<String, Object>> declared = exchange(reviewer, HttpMethod.PUT, "/api/reviewers/me/background",
                Map.of("background", background, "organisationName", organisation));
        assertThat(declared.getStatusCode().value()).as("%s", declared.getBody()).isEqualTo(200);
    }
}

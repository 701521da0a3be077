package org.tremplin.organisation.web;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.tremplin.organisation.api.DeclareReviewerBackgroundCommand;
import org.tremplin.organisation.api.ReviewerBackground;
import org.tremplin.organisation.api.ReviewerBackgroundDeclaredEvent;
import org.tremplin.project.api.PanelMember;
import org.tremplin.project.api.ReviewersAssignedEvent;
import org.tremplin.shared.Roles;
import org.tremplin.support.ConsolePageTestSupport;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reviewers' backgrounds through the API and the console, on H2 (src/docs/review-panels.md): a reviewer declares its
 * own, staff declare one on a reviewer's behalf, refusals store nothing, and an assignment records the panel's
 * backgrounds (the default rule requires no mix; the rule itself is checked end to end by {@code PanelMixPostgresIT}).
 */
class ReviewerBackgroundTest extends ConsolePageTestSupport {

    @Test
    void a_reviewer_declares_its_background_and_staff_change_it_on_its_behalf() {
        String rita = newUser("rita", Roles.REVIEWER);
        assertThat(get(rita, "/api/reviewers/me/background").getBody()).containsEntry("userId", rita)
                .containsEntry("background", null);

        ResponseEntity<Map<String, Object>> declared = exchange(rita, HttpMethod.PUT, "/api/reviewers/me/background",
                Map.of("background", "SME", "organisationName", "Lynred", "note", "Infrared imaging"));
        assertThat(declared.getStatusCode().value()).as("%s", declared.getBody()).isEqualTo(200);
        assertThat(declared.getBody()).containsEntry("background", "SME").containsEntry("organisationName", "Lynred")
                .containsEntry("declaredBy", rita);
        assertThat(get(rita, "/api/reviewers/me/background").getBody()).containsEntry("background", "SME");

        ResponseEntity<Map<String, Object>> changed = exchange(STAFF, HttpMethod.PUT, "/api/reviewers/" + rita + "/background",
                Map.of("background", "RESEARCH_LAB", "organisationName", "CNRS Alpes"));
        assertThat(changed.getStatusCode().value()).as("%s", changed.getBody()).isEqualTo(200);
        assertThat(changed.getBody()).containsEntry("background", "RESEARCH_LAB").containsEntry("declaredBy", STAFF)
                .containsEntry("note", null);
        assertThat(getList(STAFF, "/api/reviewers").getBody()).filteredOn(r -> rita.equals(r.get("userId")))
                .singleElement().satisfies(r -> assertThat(r).containsEntry("background", "RESEARCH_LAB"));
        assertThat(getList(AUDITOR, "/api/reviewers").getStatusCode().value()).isEqualTo(200);

        assertThat(profileEvents(rita)).containsExactly(
                new ReviewerBackgroundDeclaredEvent(rita, ReviewerBackground.SME, "Lynred", "Infrared imaging", null, rita),
                new ReviewerBackgroundDeclaredEvent(rita, ReviewerBackground.RESEARCH_LAB, "CNRS Alpes", null,
                        ReviewerBackground.SME, STAFF));
    }

    @Test
    void refusals_are_problems_and_store_nothing() {
        String rita = newUser("rita", Roles.REVIEWER);
        String carrier = newUser("carrier", Roles.CARRIER);
        Map<String, Object> sme = Map.of("background", "SME", "organisationName", "Lynred");
        assertThat(exchange(rita, HttpMethod.PUT, "/api/reviewers/me/background", sme).getStatusCode().value()).isEqualTo(200);
        long before = storedEventCount();

        assertProblem(exchange(rita, HttpMethod.PUT, "/api/reviewers/me/background", sme), 409, "already declared exactly");
        assertProblem(exchange(STAFF, HttpMethod.PUT, "/api/reviewers/" + carrier + "/background", sme), 400,
                carrier + " is not a reviewer");
        assertProblem(exchange(STAFF, HttpMethod.PUT, "/api/reviewers/nobody.here/background", sme), 404, "No user nobody.here");
        assertThat(exchange(rita, HttpMethod.PUT, "/api/reviewers/me/background",
                Map.of("background", "UNIVERSITY", "organisationName", "X")).getStatusCode().value()).isEqualTo(400);
        assertThat(exchange(rita, HttpMethod.PUT, "/api/reviewers/me/background",
                Map.of("background", "SME", "organisationName", " ")).getStatusCode().value()).isEqualTo(400);
        assertThat(exchange(carrier, HttpMethod.PUT, "/api/reviewers/me/background", sme).getStatusCode().value()).isEqualTo(403);
        assertThat(exchange(rita, HttpMethod.PUT, "/api/reviewers/" + rita + "/background", sme).getStatusCode().value()).isEqualTo(403);
        assertThat(get(carrier, "/api/reviewers").getStatusCode().value()).isEqualTo(403);
        assertThat(storedEventCount()).isEqualTo(before);
        assertThat(profileEvents(carrier)).isEmpty();
    }

    @Test
    void the_console_form_declares_through_the_same_path_and_shows_refusals_by_their_field() throws Exception {
        String victor = newUser("victor", Roles.REVIEWER);
        String page = page("/reviews/background", victor, Roles.REVIEWER).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("name=\"background\"", "name=\"organisationName\"", "RESEARCH_LAB", "<label for=\"note\"");
        assertThat(page("/reviews", victor, Roles.REVIEWER).andReturn().getResponse().getContentAsString())
                .contains("href=\"/reviews/background\"");

        var missing = submit(MockMvcRequestBuilders.post("/reviews/background").param("background", "SME")
                .param("organisationName", ""), victor, Roles.REVIEWER).andReturn().getResponse();
        assertThat(missing.getStatus()).isEqualTo(400);
        assertThat(missing.getContentAsString()).contains("organisationName: ");
        assertThat(profileEvents(victor)).isEmpty();

        var done = submit(MockMvcRequestBuilders.post("/reviews/background").param("background", "LARGE_COMPANY")
                .param("organisationName", "Airbus").param("note", ""), victor, Roles.REVIEWER).andReturn().getResponse();
        assertThat(done.getStatus()).isEqualTo(302);
        assertThat(done.getRedirectedUrl()).isEqualTo("/reviews/background");
        assertThat(profileEvents(victor)).containsExactly(
                new ReviewerBackgroundDeclaredEvent(victor, ReviewerBackground.LARGE_COMPANY, "Airbus", null, null, victor));

        var again = submit(MockMvcRequestBuilders.post("/reviews/background").param("background", "LARGE_COMPANY")
                .param("organisationName", "Airbus"), victor, Roles.REVIEWER).andReturn().getResponse();
        assertThat(again.getStatus()).isEqualTo(409);
        assertThat(again.getContentAsString()).contains("already declared exactly this background");
        assertThat(page("/reviews/background", STAFF, Roles.POLE_STAFF).andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void an_assignment_records_each_reviewers_background_and_that_no_mix_was_required() throws Exception {
        ApiConsortium c = consortiumThroughApi("Panel lidar", "Panel Groupe SA");
        String declared = newUser("reviewer", Roles.REVIEWER);
        String undeclared = newUser("reviewer", Roles.REVIEWER);
        assertThat(exchange(declared, HttpMethod.PUT, "/api/reviewers/me/background",
                Map.of("background", "RESEARCH_LAB", "organisationName", "INSERM")).getStatusCode().value()).isEqualTo(200);
        completeOk(c.carrierUser(), awaitTask(c.carrierUser(), c.projectId(), "user_build_consortium"),
                Map.of("consortiumComplete", true));
        LocalDate due = LocalDate.now().plusDays(10);
        // the assignment page shows each reviewer's background (none required by the default rule)
        Map<String, Object> task = awaitTask(STAFF, c.projectId(), "user_assign_reviewers");
        String assignPage = page("/tasks/" + task.get("id"), STAFF, Roles.POLE_STAFF).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(assignPage).contains(declared + "</span>", "(Research lab)", "(no background declared)")
                .doesNotContain("panel-mix");
        completeOk(STAFF, task,
                Map.of("reviewers", declared + ", " + undeclared, "reviewDeadline", due.toString()));

        assertThat(events(c.projectId()).stream().map(m -> (Object) m.getPayload()).toList())
                .filteredOn(ReviewersAssignedEvent.class::isInstance)
                .containsExactly(new ReviewersAssignedEvent(c.projectId(), List.of(declared, undeclared), due,
                        List.of(new PanelMember(declared, ReviewerBackground.RESEARCH_LAB), new PanelMember(undeclared, null)),
                        List.of()));
    }

    private List<Object> profileEvents(String userId) {
        return events(DeclareReviewerBackgroundCommand.profileIdOf(userId)).stream().map(m -> (Object) m.getPayload()).toList();
    }
}

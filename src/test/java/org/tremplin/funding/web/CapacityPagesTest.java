package org.tremplin.funding.web;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.tremplin.project.api.LabelGrantedEvent;
import org.tremplin.shared.Roles;
import org.tremplin.support.ConsolePageTestSupport;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The capacity check in the console: the reviewers' and the committee's labelling task pages show the carrier's and
 * each partner's check, the decision submitted from that page records the verdicts, and an organisation's capacity
 * page is for pole staff and the organisation's own users (404 to others, as every console page).
 */
class CapacityPagesTest extends ConsolePageTestSupport {

    private static String html(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void the_labelling_tasks_show_the_consortiums_checks_and_the_decision_records_them() throws Exception {
        ApiConsortium c = consortiumThroughApi("Capacity pages " + System.nanoTime(), "Grand Groupe Capacité");
        String reviewerA = newUser("reviewer", Roles.REVIEWER);
        String reviewerB = newUser("reviewer", Roles.REVIEWER);
        completeOk(c.carrierUser(), awaitTask(c.carrierUser(), c.projectId(), "user_build_consortium"),
                Map.of("consortiumComplete", true));
        completeOk(STAFF, awaitTask(STAFF, c.projectId(), "user_assign_reviewers"), Map.of("reviewers",
                reviewerA + ", " + reviewerB, "reviewDeadline", java.time.LocalDate.now().plusDays(10).toString()));

        // a reviewer reads the checks beside the file: the carrier's and both partners'
        String reviewTask = (String) awaitTask(reviewerA, c.projectId(), "user_review_file").get("id");
        assertThat(html(page("/tasks/" + reviewTask, reviewerA, Roles.REVIEWER).andReturn()))
                .contains("Capacity of the consortium&#39;s members", "Photonique SME", "Grand Groupe Capacité",
                        "Laboratoire Photonique", "comfortable", "Co-funding to bear", "Expected (median)",
                        "expected aid (45.00 %)");
        completeOk(reviewerA, awaitTask(reviewerA, c.projectId(), "user_review_file"),
                Map.of("score", 16, "recommendation", "GRANT", "conclusions", "Clear market."));
        completeOk(reviewerB, awaitTask(reviewerB, c.projectId(), "user_review_file"),
                Map.of("score", 14, "recommendation", "GRANT", "conclusions", "Sound plan."));

        // the committee sees them above its decision, and the decision submitted from the page records them
        String decide = (String) awaitTask(STAFF, c.projectId(), "user_decide_label").get("id");
        assertThat(html(page("/tasks/" + decide, STAFF, Roles.POLE_STAFF).andReturn()))
                .contains("Capacity of the consortium&#39;s members", "Photonique SME", "Deepest cash gap, p90 case");
        MvcResult decided = submit(MockMvcRequestBuilders.post("/tasks/" + decide).param("granted", "true")
                .param("reasons", "Innovative."), STAFF, Roles.POLE_STAFF).andReturn();
        assertThat(decided.getResponse().getStatus()).isEqualTo(302);
        LabelGrantedEvent event = (LabelGrantedEvent) events(c.projectId()).get(events(c.projectId()).size() - 1).getPayload();
        assertThat(event.capacityShown()).extracting(s -> s.organisationId(), s -> s.verdict())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(c.carrierOrg(), "COMFORTABLE"),
                        org.assertj.core.groups.Tuple.tuple(c.largeOrg(), "COMFORTABLE"),
                        org.assertj.core.groups.Tuple.tuple(c.labOrg(), "COMFORTABLE"));
        assertThat(event.capacityShown().get(0).reasons()).containsExactly("within every threshold for a small organisation");

        // pole staff find the three members on the pole's overview, each linked to its page; a carrier does not
        assertThat(html(page("/capacity", STAFF, Roles.POLE_STAFF).andReturn()))
                .contains("Members&#39; capacity", "href=\"/organisations/" + c.carrierOrg() + "/capacity\"",
                        "href=\"/organisations/" + c.labOrg() + "/capacity\"");
        assertThat(page("/capacity", c.carrierUser(), Roles.CARRIER).andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void an_organisations_capacity_page_is_for_staff_and_its_own_users() throws Exception {
        String carrierUser = newUser("carrier", Roles.CARRIER);
        String carrierOrg = newOrganisation("Capacité PME", "SME", carrierUser);
        String otherUser = newUser("other", Roles.CARRIER);
        newOrganisation("Autre PME", "SME", otherUser);
        for (List<String> who : List.of(List.of(carrierUser, Roles.CARRIER), List.of(STAFF, Roles.POLE_STAFF))) {
            MvcResult result = page("/organisations/" + carrierOrg + "/capacity", who.get(0), who.get(1)).andReturn();
            assertThat(result.getResponse().getStatus()).as(who.get(0)).isEqualTo(200);
            assertThat(html(result)).contains("Capacity of Capacité PME", "comfortable", "Co-funding to bear")
                    .doesNotContain("Capacity of Autre PME");
        }
        assertThat(page("/organisations/" + carrierOrg + "/capacity", otherUser, Roles.CARRIER).andReturn().getResponse()
                .getStatus()).isEqualTo(404);
    }

    @Test
    void the_project_funding_panel_shows_each_conventions_predicted_payments() throws Exception {
        String suffix = java.util.UUID.randomUUID().toString().substring(0, 6).toUpperCase(java.util.Locale.ROOT)
                .replaceAll("[^A-Z0-9]", "X");
        String fuiUser = newUser("fui", Roles.FUNDER);
        String fui = ensureFunder("CAPP-" + suffix, "Fonds unique interministériel", "STATE_FUI", null, fuiUser);
        String fuiCall = ensureCall(fui, "CAPP-" + suffix + "-C");
        ApiConsortium c = labelledThroughApi("Capacity panel " + suffix, "Grand Groupe Capacité");
        completeOk(STAFF, awaitTask(STAFF, c.projectId(), "user_choose_target_calls"), Map.of("targetCalls", fuiCall));
        completeOk(c.carrierUser(), awaitTask(c.carrierUser(), c.projectId(), "user_file_application", "callId", fuiCall),
                Map.of("requests", c.carrierOrg() + "; 200000; 100000; 100000\n" + c.largeOrg() + "; 300000; 100000; 50000\n"
                        + c.labOrg() + "; 200000; 100000; 60000"));
        completeOk(fuiUser, awaitTask(fuiUser, c.projectId(), "user_record_funding_decision", "callId", fuiCall),
                Map.of("granted", true, "grants", c.carrierOrg() + "; 100000", "reasons", "Only the SME's work package."));
        String conventionId = org.tremplin.funding.api.GrantedAid.conventionId(
                org.tremplin.funding.api.SubmitFundingApplicationCommand.applicationId(c.projectId(), fuiCall.substring(5)),
                c.carrierOrg());
        signConvention(fuiUser, c.projectId(), conventionId, "20");

        // signed today, advance not paid yet: advance 20,000.00 expected at signature + the 30-day service level;
        // the first instalment (4,000.00) after the statement of month 6 + the 60-day default; the balance 20,000.00
        java.time.LocalDate today = org.tremplin.shared.ParisTime.today();
        java.time.YearMonth start = java.time.YearMonth.from(today);
        String panel = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(
                () -> html(page("/projects/" + c.projectId() + "/funding", c.carrierUser(), Roles.CARRIER).andReturn()),
                h -> h.contains("class=\"to-come predicted\""));
        assertThat(panel).contains("expected on " + medium(today.plusDays(30)) + ", at the latest "
                        + medium(today.plusDays(30)) + " (service level (history too thin))")
                .contains("expected on " + medium(start.plusMonths(5).atEndOfMonth().plusDays(60)))
                .contains("4,000.00");
    }

    private static String medium(java.time.LocalDate day) {
        return java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.MEDIUM)
                .withLocale(java.util.Locale.UK).format(day);
    }
}

package org.tremplin.project.web;

import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.tremplin.project.api.IdeaSubmittedEvent;
import org.tremplin.project.api.PartnerJoinedEvent;
import org.tremplin.shared.ParisTime;
import org.tremplin.shared.Roles;
import org.tremplin.support.ConsolePageTestSupport;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project context's console pages as each role sees them: the pole's counts by stage, a carrier's projects and
 * not another's confidential one, partners joining through the page (and refused joins storing nothing, the problem
 * by its field), and the project page in French.
 */
class ProjectPagesTest extends ConsolePageTestSupport {

    private record Idea(String projectId, String carrierUser, String carrierOrg) {
    }

    private Idea idea(String title, String confidentiality) {
        String carrierUser = newUser("carrier", Roles.CARRIER);
        String carrierOrg = newOrganisation("Carrier " + title, "SME", carrierUser);
        ResponseEntity<Map<String, Object>> submitted = post(carrierUser, "/api/projects", Map.of(
                "title", title, "summary", "Summary of " + title + ": a photonic lidar robust to fog.",
                "thematicAxis", "Mobility", "confidentiality", confidentiality, "carrierOrganisationId", carrierOrg,
                "plannedBudget", new BigDecimal("250000.50")));
        assertThat(submitted.getStatusCode().value()).as("%s", submitted.getBody()).isEqualTo(201);
        String projectId = (String) submitted.getBody().get("id");
        awaitProject(carrierUser, projectId, p -> "CONSORTIUM_BUILDING".equals(p.get("status")));
        return new Idea(projectId, carrierUser, carrierOrg);
    }

    private void invite(Idea idea, String organisationId) {
        ResponseEntity<Map<String, Object>> invited = post(idea.carrierUser(), "/api/projects/" + idea.projectId() + "/invitations",
                Map.of("organisationId", organisationId));
        assertThat(invited.getStatusCode().value()).as("%s", invited.getBody()).isEqualTo(200);
    }

    private String html(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void the_pole_home_counts_the_projects_by_stage_and_other_roles_do_not_reach_it() throws Exception {
        idea("Counted lidar " + System.nanoTime(), "CONSORTIUM");
        Map<String, Long> expected = getList(STAFF, "/api/projects").getBody().stream()
                .collect(Collectors.groupingBy(p -> (String) p.get("status"), Collectors.counting()));

        String page = html(page("/staff", STAFF, Roles.POLE_STAFF).andReturn());

        assertThat(expected.get("CONSORTIUM_BUILDING")).isPositive();
        for (String status : List.of("CONSORTIUM_BUILDING", "AWAITING_REVIEWERS", "UNDER_REVIEW", "LABEL_GRANTED",
                "LABEL_REFUSED", "ABANDONED", "FUNDING", "IN_RESEARCH", "CLOSED")) {
            Matcher card = Pattern.compile("id=\"stage-" + status + "\">\\s*<a href=\"/projects\\?status=" + status
                    + "\">\\s*<span class=\"count\">([^<]*)</span>").matcher(page);
            assertThat(card.find()).as("card of %s in %s", status, page).isTrue();
            assertThat(card.group(1).replaceAll("[^0-9]", "")).as("count of %s", status)
                    .isEqualTo(String.valueOf(expected.getOrDefault(status, 0L)));
        }
        assertThat(page).contains("Consortium building", "hx-get=\"/tasks/panel\"", "hx-get=\"/funding/overdue\"",
                "href=\"/funding/lead-times\"");

        String filtered = html(page("/projects?status=CONSORTIUM_BUILDING", STAFF, Roles.POLE_STAFF).andReturn());
        assertThat(filtered).contains("<option value=\"CONSORTIUM_BUILDING\" selected=\"selected\"");
        // the list shows 50 projects a page (the context is shared with every API test, so there may be several)
        int building = expected.get("CONSORTIUM_BUILDING").intValue();
        int pages = (building + ProjectPages.PAGE_SIZE - 1) / ProjectPages.PAGE_SIZE;
        int rows = filtered.split("<tr>", -1).length - 2;
        for (int next = 2; next <= pages; next++) {
            rows += html(page("/projects?status=CONSORTIUM_BUILDING&page=" + next, STAFF, Roles.POLE_STAFF).andReturn())
                    .split("<tr>", -1).length - 2;
        }
        assertThat(rows).as("rows of the filtered list over its %s page(s)", pages).isEqualTo(building);
        assertThat(page("/projects?status=NO_SUCH_STAGE", STAFF, Roles.POLE_STAFF).andReturn().getResponse().getStatus())
                .isEqualTo(200);
        // a page past the last (however far) shows the last one
        assertThat(html(page("/projects?status=CONSORTIUM_BUILDING&page=" + Integer.MAX_VALUE, STAFF, Roles.POLE_STAFF)
                .andReturn())).contains("<option value=\"CONSORTIUM_BUILDING\" selected=\"selected\"");

        String carrier = newUser("carrier", Roles.CARRIER);
        assertThat(page("/projects?page=" + Integer.MAX_VALUE, carrier, Roles.CARRIER).andReturn().getResponse().getStatus())
                .isEqualTo(200);
        assertThat(page("/staff", carrier, Roles.CARRIER).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(page("/reviews", carrier, Roles.CARRIER).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(page("/carrier", STAFF, Roles.POLE_STAFF).andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void a_carrier_sees_its_project_and_never_another_carriers_confidential_one() throws Exception {
        Idea mine = idea("My own lidar " + System.nanoTime(), "CONSORTIUM");
        String secretTitle = "Secret radar " + System.nanoTime();
        Idea other = idea(secretTitle, "CONSORTIUM");

        MvcResult home = page("/carrier", mine.carrierUser(), Roles.CARRIER).andReturn();
        assertThat(home.getResponse().getStatus()).isEqualTo(200);
        assertThat(html(home)).contains("href=\"/projects/" + mine.projectId() + "\"").doesNotContain(secretTitle);

        MvcResult list = page("/projects", mine.carrierUser(), Roles.CARRIER).andReturn();
        assertThat(html(list)).contains(mine.projectId()).doesNotContain(secretTitle).doesNotContain(other.projectId());

        MvcResult own = page("/projects/" + mine.projectId(), mine.carrierUser(), Roles.CARRIER).andReturn();
        assertThat(own.getResponse().getStatus()).isEqualTo(200);
        assertThat(html(own)).contains("Summary of My own lidar", "€250,000.50", "Invite a member organisation",
                "hx-get=\"/projects/" + mine.projectId() + "/funding\"", "hx-get=\"/projects/" + mine.projectId() + "/rounds\"",
                "hx-get=\"/tasks/panel?projectId=" + mine.projectId() + "\"")
                .doesNotContain("/audit/projects/");

        MvcResult hidden = page("/projects/" + other.projectId(), mine.carrierUser(), Roles.CARRIER).andReturn();
        assertThat(hidden.getResponse().getStatus()).isEqualTo(404);
        assertThat(html(hidden)).contains("Not found").doesNotContain(secretTitle).doesNotContain("Summary of Secret");
        // nor may the carrier act on it: inviting into the other project answers as missing and stores nothing
        long before = events(other.projectId()).size();
        MvcResult invite = submit(MockMvcRequestBuilders.post("/projects/" + other.projectId() + "/invite").param("organisationId", mine.carrierOrg()),
                mine.carrierUser(), Roles.CARRIER).andReturn();
        assertThat(invite.getResponse().getStatus()).isEqualTo(404);
        assertThat(html(invite)).doesNotContain(secretTitle);
        assertThat(events(other.projectId())).hasSize((int) before);

        // pole staff read both, with the audit timeline link
        assertThat(html(page("/projects/" + other.projectId(), STAFF, Roles.POLE_STAFF).andReturn()))
                .contains(secretTitle, "/audit/projects/" + other.projectId());
    }

    @Test
    void an_invited_partner_joins_through_the_page_and_the_join_is_stored() throws Exception {
        Idea idea = idea("Joined lidar " + System.nanoTime(), "CONSORTIUM");
        String partnerUser = newUser("large", Roles.CARRIER);
        String partnerOrg = newOrganisation("Grand Groupe SA", "LARGE_COMPANY", partnerUser);
        invite(idea, partnerOrg);

        // before the NDA, the invited partner reads the summary only, and sees the join form for its organisation
        String invited = html(page("/projects/" + idea.projectId(), partnerUser, Roles.CARRIER).andReturn());
        assertThat(invited).contains("action=\"/projects/" + idea.projectId() + "/partners/" + partnerOrg + "/join\"",
                "You see the project’s summary only").doesNotContain("Summary of Joined lidar").doesNotContain("250,000.50");
        assertThat(html(page("/carrier", partnerUser, Roles.CARRIER).andReturn()))
                .contains("Answer the invitation", "/partners/" + partnerOrg + "/nda");

        MvcResult joined = submit(MockMvcRequestBuilders.post("/projects/" + idea.projectId() + "/partners/" + partnerOrg + "/join")
                .param("role", "System integration").param("plannedBudget", "400,000.00"), partnerUser, Roles.CARRIER)
                .andReturn();
        assertThat(joined.getResponse().getStatus()).isEqualTo(302);
        assertThat(joined.getResponse().getRedirectedUrl()).isEqualTo("/projects/" + idea.projectId());
        assertThat(eventTypes(idea.projectId())).endsWith("PartnerJoinedEvent");
        PartnerJoinedEvent payload = (PartnerJoinedEvent) events(idea.projectId()).get(events(idea.projectId()).size() - 1)
                .getPayload();
        assertThat(payload.organisationId()).isEqualTo(partnerOrg);
        assertThat(payload.role()).isEqualTo("System integration");
        assertThat(payload.plannedBudget()).isEqualByComparingTo("400000");

        MvcResult nda = submit(MockMvcRequestBuilders.post("/projects/" + idea.projectId() + "/partners/" + partnerOrg + "/nda"), partnerUser,
                Roles.CARRIER).andReturn();
        assertThat(nda.getResponse().getStatus()).isEqualTo(302);
        assertThat(eventTypes(idea.projectId())).endsWith("PartnerJoinedEvent", "NdaSignedEvent");
        awaitProject(partnerUser, idea.projectId(), p -> "FILE".equals(p.get("access")));
        assertThat(html(page("/projects/" + idea.projectId(), partnerUser, Roles.CARRIER).andReturn()))
                .contains("Summary of Joined lidar", "System integration", "€650,000.50");
    }

    @Test
    void a_refused_join_stores_nothing_and_shows_the_problem_by_its_field() throws Exception {
        Idea idea = idea("Refused lidar " + System.nanoTime(), "PUBLIC");
        String partnerUser = newUser("lab", Roles.CARRIER);
        String partnerOrg = newOrganisation("Laboratoire Photonique", "RESEARCH_LAB", partnerUser);
        invite(idea, partnerOrg);
        String outsider = newUser("outsider", Roles.CARRIER);
        String outsiderOrg = newOrganisation("Outsider SAS", "SME", outsider);
        long before = storedEventCount();

        // a negative budget: refused by the API's own request rule, shown under the budget input
        MvcResult negative = submit(MockMvcRequestBuilders.post("/projects/" + idea.projectId() + "/partners/" + partnerOrg + "/join")
                .param("role", "Photonic sources").param("plannedBudget", "-5"), partnerUser, Roles.CARRIER).andReturn();
        assertThat(negative.getResponse().getStatus()).isEqualTo(400);
        assertThat(html(negative)).containsPattern("id=\"join-" + partnerOrg + "-plannedBudget-problem\">plannedBudget: [^<]+</p>")
                .contains("value=\"Photonic sources\"");
        // not an amount at all
        MvcResult words = submit(MockMvcRequestBuilders.post("/projects/" + idea.projectId() + "/partners/" + partnerOrg + "/join")
                .param("role", "Photonic sources").param("plannedBudget", "a lot"), partnerUser, Roles.CARRIER).andReturn();
        assertThat(words.getResponse().getStatus()).isEqualTo(400);
        assertThat(html(words)).containsPattern("id=\"join-" + partnerOrg + "-plannedBudget-problem\">[^<]*is not an amount");
        // a role left empty
        MvcResult noRole = submit(MockMvcRequestBuilders.post("/projects/" + idea.projectId() + "/partners/" + partnerOrg + "/join")
                .param("role", " ").param("plannedBudget", "1000"), partnerUser, Roles.CARRIER).andReturn();
        assertThat(noRole.getResponse().getStatus()).isEqualTo(400);
        assertThat(html(noRole)).contains("id=\"join-" + partnerOrg + "-role-problem\"");

        // an organisation that was never invited: the project refuses it (422), the page says why
        MvcResult notInvited = submit(MockMvcRequestBuilders.post("/projects/" + idea.projectId() + "/partners/" + outsiderOrg + "/join")
                .param("role", "Testing").param("plannedBudget", "1000"), outsider, Roles.CARRIER).andReturn();
        assertThat(notInvited.getResponse().getStatus()).isEqualTo(422);
        assertThat(html(notInvited)).contains("role=\"alert\"", outsiderOrg + " has no pending invitation to this consortium");
        // acting for an organisation one is not a user of answers as missing
        MvcResult impostor = submit(MockMvcRequestBuilders.post("/projects/" + idea.projectId() + "/partners/" + partnerOrg + "/join")
                .param("role", "Testing").param("plannedBudget", "1000"), outsider, Roles.CARRIER).andReturn();
        assertThat(impostor.getResponse().getStatus()).isEqualTo(404);

        assertThat(storedEventCount()).isEqualTo(before);
        assertThat(eventTypes(idea.projectId())).doesNotContain("PartnerJoinedEvent");
    }

    @Test
    void the_project_page_in_french_formats_the_budget_and_the_dates() throws Exception {
        Idea idea = idea("Lidar francophone " + System.nanoTime(), "CONSORTIUM");
        NumberFormat euros = NumberFormat.getCurrencyInstance(Locale.FRANCE);
        euros.setCurrency(Currency.getInstance("EUR"));
        String budget = euros.format(new BigDecimal("250000.50"));
        String today = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(Locale.FRENCH)
                .format(ParisTime.today());

        String french = html(mvc.perform(as(MockMvcRequestBuilders.get("/projects/" + idea.projectId()), idea.carrierUser(), Roles.CARRIER)
                .header("Accept-Language", "fr")).andReturn());
        assertThat(budget).isIn("250\u202f000,50\u00a0€", "250\u00a0000,50\u00a0€");
        assertThat(french).contains("lang=\"fr\"", budget, today, "Montage du consortium", "Le dossier",
                "Inviter un adhérent", "Porté par Carrier Lidar francophone");

        String english = html(mvc.perform(as(MockMvcRequestBuilders.get("/projects/" + idea.projectId()), idea.carrierUser(), Roles.CARRIER)
                .header("Accept-Language", "en")).andReturn());
        assertThat(english).contains("lang=\"en\"", "€250,000.50",
                DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(Locale.UK)
                        .format(ParisTime.today()), "Consortium building");
    }

    @Test
    void an_idea_submitted_through_the_page_starts_the_lifecycle_and_a_bad_amount_submits_nothing() throws Exception {
        String carrierUser = newUser("carrier", Roles.CARRIER);
        String carrierOrg = newOrganisation("Idea SME", "SME", carrierUser);
        assertThat(html(page("/projects/new", carrierUser, Roles.CARRIER).andReturn()))
                .contains("<option value=\"" + carrierOrg + "\"");
        long before = storedEventCount();
        MvcResult refused = submit(MockMvcRequestBuilders.post("/projects/new").param("title", "Page idea").param("summary", "S")
                .param("thematicAxis", "Energy").param("confidentiality", "MEMBERS").param("carrierOrganisationId", carrierOrg)
                .param("plannedBudget", "12,3,4"), carrierUser, Roles.CARRIER).andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(400);
        assertThat(html(refused)).contains("id=\"plannedBudget-problem\"", "value=\"Page idea\"");
        assertThat(storedEventCount()).isEqualTo(before);

        MvcResult submitted = submit(MockMvcRequestBuilders.post("/projects/new").param("title", "Page idea").param("summary", "S")
                .param("thematicAxis", "Energy").param("confidentiality", "MEMBERS").param("carrierOrganisationId", carrierOrg)
                .param("plannedBudget", "120 000,00 €"), carrierUser, Roles.CARRIER)
                .andReturn();
        assertThat(submitted.getResponse().getStatus()).isEqualTo(302);
        String projectId = submitted.getResponse().getRedirectedUrl().substring("/projects/".length());
        assertThat(eventTypes(projectId)).containsExactly("IdeaSubmittedEvent");
        assertThat(((IdeaSubmittedEvent) events(projectId).get(0).getPayload()).carrierPlannedBudget())
                .isEqualByComparingTo("120000");
    }

    @Test
    void the_labelling_tasks_have_pages_made_for_people_and_refusals_are_shown_by_the_field() throws Exception {
        ApiConsortium c = consortiumThroughApi("Task pages lidar " + System.nanoTime(), "Grand Groupe SA");

        // the carrier's submission shows the consortium against the rule; the ticked box submits the project
        String build = (String) awaitTask(c.carrierUser(), c.projectId(), "user_build_consortium").get("id");
        assertThat(html(page("/tasks/" + build, c.carrierUser(), Roles.CARRIER).andReturn()))
                .contains("The consortium rule", "At least 2 companies joined (now 2)", "Grand Groupe SA",
                        "At least 1 research labs joined (now 1)");
        MvcResult submitted = submit(MockMvcRequestBuilders.post("/tasks/" + build).param("consortiumComplete", "false")
                .param("consortiumComplete", "true"), c.carrierUser(), Roles.CARRIER).andReturn();
        assertThat(submitted.getResponse().getStatus()).isEqualTo(302);
        assertThat(eventTypes(c.projectId())).endsWith("ProjectSubmittedForLabellingEvent");

        // pole staff assign reviewers by their user ids; one who is not a reviewer is refused by the field
        String reviewerA = newUser("reviewer", Roles.REVIEWER);
        String reviewerB = newUser("reviewer", Roles.REVIEWER);
        String deadline = ParisTime.today().plusDays(10).toString();
        String assign = (String) awaitTask(STAFF, c.projectId(), "user_assign_reviewers").get("id");
        assertThat(html(page("/tasks/" + assign, STAFF, Roles.POLE_STAFF).andReturn()))
                .contains("id=\"otherReviewers\"", "type=\"date\"", "Task pages lidar");
        long before = storedEventCount();
        MvcResult refused = submit(MockMvcRequestBuilders.post("/tasks/" + assign)
                .param("otherReviewers", reviewerA + " nobody.here").param("reviewDeadline", deadline), STAFF, Roles.POLE_STAFF)
                .andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(400);
        assertThat(html(refused)).containsPattern("id=\"reviewers-problem\">[^<]*nobody.here");
        assertThat(storedEventCount()).isEqualTo(before);
        MvcResult assigned = submit(MockMvcRequestBuilders.post("/tasks/" + assign)
                .param("otherReviewers", reviewerA + ", " + reviewerB).param("reviewDeadline", deadline), STAFF, Roles.POLE_STAFF)
                .andReturn();
        assertThat(assigned.getResponse().getStatus()).isEqualTo(302);
        assertThat(eventTypes(c.projectId())).endsWith("ReviewersAssignedEvent");

        // each reviewer finds the file on the reviewers' home and reviews it beside the form; not the other's task
        String taskA = (String) awaitTask(reviewerA, c.projectId(), "user_review_file").get("id");
        String taskB = (String) awaitTask(reviewerB, c.projectId(), "user_review_file").get("id");
        assertThat(html(page("/reviews", reviewerA, Roles.REVIEWER).andReturn()))
                .contains("href=\"/tasks/" + taskA + "\"", "Task pages lidar").doesNotContain(taskB);
        String review = html(page("/tasks/" + taskA, reviewerA, Roles.REVIEWER).andReturn());
        assertThat(review).contains("class=\"split review-split\"", "A photonic lidar robust to fog.", "id=\"score\"",
                "<textarea id=\"conclusions\"", "Grant the label");
        assertThat(page("/tasks/" + taskB, reviewerA, Roles.REVIEWER).andReturn().getResponse().getStatus()).isEqualTo(404);
        MvcResult reviewed = submit(MockMvcRequestBuilders.post("/tasks/" + taskA).param("score", "15")
                .param("recommendation", "GRANT").param("conclusions", "Solid."), reviewerA, Roles.REVIEWER).andReturn();
        assertThat(reviewed.getResponse().getStatus()).isEqualTo(302);
        assertThat(eventTypes(c.projectId())).endsWith("ReviewRecordedEvent");

        // reviews stay independent and the carrier reads nothing of them before the conclusions are delivered
        assertThat(html(page("/tasks/" + taskB, reviewerB, Roles.REVIEWER).andReturn())).doesNotContain("Solid.", reviewerA);
        assertThat(html(page("/projects/" + c.projectId(), reviewerB, Roles.REVIEWER).andReturn()))
                .doesNotContain("Solid.").doesNotContain("15 / 20");
        assertThat(html(page("/projects/" + c.projectId(), c.carrierUser(), Roles.CARRIER).andReturn()))
                .doesNotContain("Solid.").doesNotContain("15 / 20").doesNotContain(reviewerA);
        assertThat(html(page("/projects/" + c.projectId(), STAFF, Roles.POLE_STAFF).andReturn()))
                .contains("Solid.", "15 / 20", reviewerA);
    }

    @Test
    void an_invitation_is_declined_and_a_project_abandoned_through_the_page() throws Exception {
        Idea idea = idea("Declined lidar " + System.nanoTime(), "MEMBERS");
        String partnerUser = newUser("lab", Roles.CARRIER);
        String partnerOrg = newOrganisation("Laboratoire Déclin", "RESEARCH_LAB", partnerUser);
        invite(idea, partnerOrg);
        long before = storedEventCount();

        MvcResult noReason = submit(MockMvcRequestBuilders.post("/projects/" + idea.projectId() + "/partners/" + partnerOrg
                + "/decline").param("reason", ""), partnerUser, Roles.CARRIER).andReturn();
        assertThat(noReason.getResponse().getStatus()).isEqualTo(400);
        assertThat(html(noReason)).contains("id=\"decline-" + partnerOrg + "-reason-problem\"");
        assertThat(storedEventCount()).isEqualTo(before);

        MvcResult declined = submit(MockMvcRequestBuilders.post("/projects/" + idea.projectId() + "/partners/" + partnerOrg
                + "/decline").param("reason", "No capacity this year"), partnerUser, Roles.CARRIER).andReturn();
        assertThat(declined.getResponse().getStatus()).isEqualTo(302);
        assertThat(eventTypes(idea.projectId())).endsWith("InvitationDeclinedEvent");
        assertThat(html(page("/projects/" + idea.projectId(), idea.carrierUser(), Roles.CARRIER).andReturn()))
                .contains("Declined", "No capacity this year");

        // the partner is not the carrier: abandoning answers as the API does (forbidden, shown as missing)
        assertThat(submit(MockMvcRequestBuilders.post("/projects/" + idea.projectId() + "/abandon").param("reason", "Mine"),
                partnerUser, Roles.CARRIER).andReturn().getResponse().getStatus()).isEqualTo(404);
        MvcResult abandoned = submit(MockMvcRequestBuilders.post("/projects/" + idea.projectId() + "/abandon")
                .param("reason", "The market moved"), idea.carrierUser(), Roles.CARRIER).andReturn();
        assertThat(abandoned.getResponse().getStatus()).isEqualTo(302);
        awaitProject(idea.carrierUser(), idea.projectId(), p -> "ABANDONED".equals(p.get("status")));
        assertThat(eventTypes(idea.projectId())).endsWith("ProjectAbandonedEvent");
        String page = html(page("/projects/" + idea.projectId(), idea.carrierUser(), Roles.CARRIER).andReturn());
        assertThat(page).contains("Abandoned", "The market moved").doesNotContain("id=\"abandon\"").doesNotContain("id=\"invite\"");
    }

    @Test
    void pole_staff_tick_the_open_calls_a_labelled_project_applies_to() throws Exception {
        String suffix = Long.toString(System.nanoTime(), 36).toUpperCase(Locale.ROOT);
        String funder = ensureFunder("PG" + suffix, "Fonds pages " + suffix, "STATE_FUI", null, null);
        String call = ensureCall(funder, "PG" + suffix);
        ApiConsortium c = labelledThroughApi("Labelled lidar " + suffix, "Grand Groupe SA");
        String task = (String) awaitTask(STAFF, c.projectId(), "user_choose_target_calls").get("id");
        assertThat(html(page("/tasks/" + task, STAFF, Roles.POLE_STAFF).andReturn()))
                .contains("name=\"call\"", "value=\"" + call + "\"", "Call PG" + suffix, "Fonds pages " + suffix);
        MvcResult none = submit(MockMvcRequestBuilders.post("/tasks/" + task), STAFF, Roles.POLE_STAFF).andReturn();
        assertThat(none.getResponse().getStatus()).isEqualTo(400);
        assertThat(html(none)).contains("id=\"targetCalls-problem\"");
        MvcResult chosen = submit(MockMvcRequestBuilders.post("/tasks/" + task).param("call", call), STAFF, Roles.POLE_STAFF)
                .andReturn();
        assertThat(chosen.getResponse().getStatus()).isEqualTo(302);
        assertThat(events(c.projectId()).stream().map(e -> e.getPayload())
                .filter(p -> p instanceof org.tremplin.project.api.FundingCallsChosenEvent).findFirst().orElseThrow())
                .isEqualTo(new org.tremplin.project.api.FundingCallsChosenEvent(c.projectId(), List.of(call)));
    }
}

package org.tremplin.funding.web;

import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.tremplin.funding.api.SubmitFundingApplicationCommand;
import org.tremplin.funding.process.FundingApplicationProcess;
import org.tremplin.funding.query.FundingOverview;
import org.tremplin.shared.ParisTime;
import org.tremplin.shared.Roles;
import org.tremplin.support.ConsolePageTestSupport;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The funding pages through the whole application: a labelled project applied to two funders (FUI-like and a region,
 * fresh codes, so the rate table's default rows apply: SME 35 %, large company 20 %, lab 40 % of eligible costs);
 * the region granted the SME 40,000 € first. What each role sees, what it must not, refusals by the field, French.
 */
class FundingPagesTest extends ConsolePageTestSupport {

    private static final ZoneId PARIS = ParisTime.ZONE;

    /** Built once for the class (the application context, hence its data, is shared). */
    private static Fixture fixture;

    @Autowired
    private FundingOverview overview;

    record Fixture(String projectId, String carrierUser, String sme, String large, String lab, String funderUser,
                   String funderName, String otherUser, String otherName, String applicationId, String decisionTaskId,
                   String otherApplicationId, String applicationProcessId) {
    }

    @BeforeEach
    void funding() {
        if (fixture == null) {
            fixture = build();
        }
    }

    private Fixture build() {
        String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "X");
        String funderUser = newUser("fui", Roles.FUNDER);
        String otherUser = newUser("region", Roles.FUNDER);
        String funder = ensureFunder("FUIP-" + suffix, "Fonds interministériel " + suffix, "STATE_FUI", null, funderUser);
        String other = ensureFunder("REGP-" + suffix, "Région test " + suffix, "REGION", null, otherUser);
        String call = ensureCall(funder, "FUIP-" + suffix + "-C");
        String otherCall = ensureCall(other, "REGP-" + suffix + "-C");
        ApiConsortium c = labelledThroughApi("Photonic lidar for trams " + suffix, "Grand Groupe Tram");
        String project = c.projectId();
        completeOk(STAFF, awaitTask(STAFF, project, "user_choose_target_calls"), Map.of("targetCalls", call + ", " + otherCall));
        // the SME asks exactly its maximum: 35 % of 300,000 = 105,000
        String requests = c.carrierOrg() + "; 200000; 100000; 105000\n" + c.largeOrg() + "; 300000; 100000; 50000\n"
                + c.labOrg() + "; 200000; 100000; 60000";
        for (String each : List.of(call, otherCall)) {
            completeOk(c.carrierUser(), awaitTask(c.carrierUser(), project, "user_file_application", "callId", each),
                    Map.of("requests", requests));
        }
        completeOk(otherUser, awaitTask(otherUser, project, "user_record_funding_decision", "callId", otherCall),
                Map.of("granted", true, "grants", c.carrierOrg() + "; 40000", "reasons", "The SME's part only."));
        String applicationId = SubmitFundingApplicationCommand.applicationId(project, call.substring(5));
        String otherApplicationId = SubmitFundingApplicationCommand.applicationId(project, otherCall.substring(5));
        await().until(() -> get(STAFF, "/api/projects/" + project + "/funding").getBody().toString().contains("40000"));
        Map<String, Object> decision = awaitTask(funderUser, project, "user_record_funding_decision", "callId", call);
        String processId = (String) decision.get("processInstanceId");
        return new Fixture(project, c.carrierUser(), c.carrierOrg(), c.largeOrg(), c.labOrg(), funderUser,
                "Fonds interministériel " + suffix, otherUser, "Région test " + suffix, applicationId,
                (String) decision.get("id"), otherApplicationId, processId);
    }

    /** What htmx loads into a page. */
    private MvcResult fragment(String path, String user, String group) throws Exception {
        return mvc.perform(as(MockMvcRequestBuilders.get(path).header("HX-Request", "true"), user, group)).andReturn();
    }

    private String html(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private String decisionPage(String user, String group, String language) throws Exception {
        MvcResult result = mvc.perform(as(MockMvcRequestBuilders
                .get("/tasks/" + fixture.decisionTaskId()).header("Accept-Language", language), user, group)).andReturn();
        assertThat(result.getResponse().getStatus()).as(html(result)).isEqualTo(200);
        return html(result);
    }

    @Test
    void the_funders_home_lists_its_decision_to_record_and_not_the_other_funders() throws Exception {
        MvcResult home = page("/funder", fixture.funderUser(), Roles.FUNDER).andReturn();
        assertThat(home.getResponse().getStatus()).isEqualTo(200);
        String html = html(home);
        assertThat(html).contains("Applications to decide", fixture.funderName(), "/tasks/" + fixture.decisionTaskId(),
                "Record the decision of " + fixture.funderName(), fixture.projectId(), "€215,000.00");
        // the other funder decided already, and its task is not offered to this funder's user anyway
        assertThat(html).doesNotContain(fixture.otherName());
        String other = html(page("/funder", fixture.otherUser(), Roles.FUNDER).andReturn());
        assertThat(other).doesNotContain(fixture.decisionTaskId());
        // not a funder: missing
        assertThat(page("/funder", fixture.carrierUser(), Roles.CARRIER).andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void the_decision_page_shows_each_partners_request_and_rate_maximum_and_no_cross_funder_figure_to_a_funder() throws Exception {
        String html = decisionPage(fixture.funderUser(), Roles.FUNDER, "en");
        // a row per partner: name, requested amount, the maximum from the rate table, an amount field
        assertThat(html).contains("Photonique SME", "Grand Groupe Tram", "Laboratoire Photonique");
        assertThat(html).contains("€105,000.00", "€50,000.00", "€60,000.00"); // requested
        assertThat(html).contains("€80,000.00", "€120,000.00");               // maxima of the large company and the lab
        assertThat(html).contains("35%", "20%", "40%");
        for (String org : List.of(fixture.sme(), fixture.large(), fixture.lab())) {
            assertThat(html).contains("name=\"grant-" + org + "\"");
        }
        assertThat(html).contains("Photonic lidar for trams");
        // the region granted the SME 40,000; the SME's ceiling is 220,000 (80 % of 200,000 + 60 % of 100,000)
        assertThat(html).doesNotContain("40,000", "40000", "220,000", "220000", "totalAidAfter", "Aid so far",
                fixture.otherName(), "stateAidJustification");
        assertThat(html).contains("is checked against the EU state-aid ceiling")
                .doesNotContain("over the ceiling (");

        // pole staff see the cross-funder figures, and may justify
        String staff = decisionPage(STAFF, Roles.POLE_STAFF, "en");
        assertThat(staff).contains("Aid so far €40,000.00, ceiling €220,000.00", "name=\"stateAidJustification\"");
    }

    @Test
    void another_funders_user_and_outsiders_reach_neither_the_task_nor_the_application() throws Exception {
        assertThat(page("/tasks/" + fixture.decisionTaskId(), fixture.otherUser(), Roles.FUNDER).andReturn().getResponse()
                .getStatus()).isEqualTo(404);
        assertThat(submit(MockMvcRequestBuilders.post("/tasks/" + fixture.decisionTaskId()).param("granted", "false").param("reasons", "No."),
                fixture.otherUser(), Roles.FUNDER).andReturn().getResponse().getStatus()).isEqualTo(404);
        // the project's funding: the other funder reads its own part only; an outsider gets an empty 404
        String otherPart = html(fragment("/projects/" + fixture.projectId() + "/funding", fixture.otherUser(), Roles.FUNDER));
        assertThat(otherPart).contains(fixture.otherName(), "REGP-").doesNotContain(fixture.funderName(), "FUIP-");
        String nobody = newUser("nobody", Roles.CARRIER);
        MvcResult outsider = fragment("/projects/" + fixture.projectId() + "/funding", nobody, Roles.CARRIER);
        assertThat(outsider.getResponse().getStatus()).isEqualTo(404);
        assertThat(html(outsider).strip()).isEmpty();
        // opened as a page, the console's 404
        MvcResult outsiderPage = page("/projects/" + fixture.projectId() + "/funding", nobody, Roles.CARRIER).andReturn();
        assertThat(outsiderPage.getResponse().getStatus()).isEqualTo(404);
        assertThat(html(outsiderPage)).contains("Not found").doesNotContain(fixture.funderName(), fixture.otherName());
        assertThat(page("/funder/ledger?funderId=" + "FUNDER-REGP-X", fixture.funderUser(), Roles.FUNDER).andReturn()
                .getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void a_grant_over_the_rate_maximum_is_refused_by_that_partners_field_and_stores_nothing() throws Exception {
        long before = storedEventCount();
        MvcResult refused = submit(MockMvcRequestBuilders.post("/tasks/" + fixture.decisionTaskId())
                .param("granted", "true")
                .param("grant-" + fixture.sme(), "105000.01")
                .param("grant-" + fixture.large(), "50000")
                .param("grant-" + fixture.lab(), "")
                .param("reasons", "The lab is not funded."), fixture.funderUser(), Roles.FUNDER).andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(422);
        String html = html(refused);
        String row = html.substring(html.indexOf("id=\"partner-" + fixture.sme() + "\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).contains("id=\"grant-" + fixture.sme() + "-problem\"", "exceeds its request of", "105,000.01");
        // the amounts as typed stay in their fields
        assertThat(html).contains("value=\"105000.01\"");
        assertThat(storedEventCount()).isEqualTo(before);
        assertThat(events(fixture.applicationId()).stream().map(e -> e.getPayloadType().getSimpleName()))
                .doesNotContain("FundingGrantedEvent", "FundingApplicationRejectedEvent");

        // an amount that is not one is refused by its field before anything runs
        MvcResult unreadable = submit(MockMvcRequestBuilders.post("/tasks/" + fixture.decisionTaskId()).param("granted", "true")
                .param("grant-" + fixture.large(), "fifty"), fixture.funderUser(), Roles.FUNDER).andReturn();
        assertThat(unreadable.getResponse().getStatus()).isEqualTo(400);
        assertThat(html(unreadable)).contains("id=\"grant-" + fixture.large() + "-problem\"");
        assertThat(storedEventCount()).isEqualTo(before);
    }

    @Test
    void in_french_the_decision_page_shows_amounts_and_dates_in_the_french_way() throws Exception {
        String html = decisionPage(fixture.funderUser(), Roles.FUNDER, "fr");
        NumberFormat euros = NumberFormat.getCurrencyInstance(Locale.FRANCE);
        String requested = euros.format(new BigDecimal("105000.00"));
        assertThat(requested).matches("105[\\s\\u00a0\\u202f]000,00[\\s\\u00a0\\u202f]€");
        assertThat(html).contains(requested, euros.format(new BigDecimal("80000.00")), "Montant accordé", "Plafond (barème)",
                "lang=\"fr\"");
        String today = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(Locale.FRENCH).format(LocalDate.now(PARIS));
        assertThat(html).contains(today);
        // the amount fields are pre-filled as a French person types them
        assertThat(html).contains("value=\"105000,00\"");
        String english = decisionPage(fixture.funderUser(), Roles.FUNDER, "en");
        assertThat(english).contains("€105,000.00", "Amount granted", "value=\"105000.00\"",
                DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(Locale.UK).format(LocalDate.now(PARIS)));
    }

    @Test
    void staff_see_the_overdue_stages_per_funder_in_red_with_the_word() throws Exception {
        Job timer = processEngine.getManagementService().createJobQuery().processInstanceId(fixture.applicationProcessId())
                .activityId(FundingApplicationProcess.Elements.TIMER_DECISION_OVERDUE).singleResult();
        if (timer != null) {
            processEngine.getManagementService().executeJob(timer.getId());
        }
        await().until(() -> html(page("/funding/overdue", STAFF, Roles.POLE_STAFF).andReturn()).contains(fixture.projectId()));
        String html = html(fragment("/funding/overdue", STAFF, Roles.POLE_STAFF));
        assertThat(html).contains("Overdue stages per funder", fixture.funderName(), "class=\"overdue\"", "overdue", "Decision",
                "120 days").doesNotContain("<html");
        String french = html(mvc.perform(as(MockMvcRequestBuilders
                .get("/funding/overdue").header("Accept-Language", "fr"), STAFF, Roles.POLE_STAFF)).andReturn());
        assertThat(french).contains("en retard", "Étapes en retard par financeur");
        assertThat(page("/funding/overdue", fixture.funderUser(), Roles.FUNDER).andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void the_lead_times_page_holds_the_chart_data_and_the_same_figures_in_tables() throws Exception {
        MvcResult result = page("/funding/lead-times", STAFF, Roles.POLE_STAFF).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        String html = html(result);
        assertThat(html).contains("<script type=\"application/json\" id=\"funding-chart-data\">", "\"leadTimes\"",
                "\"median\"", "\"p90\"", "\"serviceLevel\"", "\"projects\"", "\"funders\"", "/js/funding.js", "chart.umd.js");
        // the region's decision was measured; it granted 40,000 on this project
        assertThat(html).contains(fixture.otherName() + " · Decision", "€40,000.00");
        assertThat(overview.perProject(Integer.MAX_VALUE)).as("every project's totals")
                .filteredOn(totals -> totals.id().equals(fixture.projectId()))
                .extracting(FundingOverview.Totals::granted).containsExactly(new BigDecimal("40000.00"));
        // the page charts the projects most granted, at most 30 (the other tests of this context fund theirs too)
        List<String> charted = overview.perProject(LeadTimePages.MAX_PROJECTS_CHARTED).stream()
                .map(FundingOverview.Totals::id).toList();
        assertThat(charted).hasSizeBetween(1, LeadTimePages.MAX_PROJECTS_CHARTED);
        String json = html.substring(html.indexOf("id=\"funding-chart-data\">") + 24);
        json = json.substring(0, json.indexOf("</script>"));
        Map<?, ?> data = new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Map.class);
        assertThat((List<Object>) ((Map<?, ?>) data.get("projects")).get("labels")).containsExactlyElementsOf(charted);
        assertThat(html).contains(charted);
        assertThat(page("/funding/lead-times", fixture.funderUser(), Roles.FUNDER).andReturn().getResponse().getStatus())
                .isEqualTo(404);
    }

    @Test
    void the_projects_funding_fragment_shows_the_consortium_its_funders_and_grants() throws Exception {
        String html = html(fragment("/projects/" + fixture.projectId() + "/funding", fixture.carrierUser(), Roles.CARRIER));
        assertThat(html).contains(fixture.funderName(), fixture.otherName(), "Photonique SME", "€40,000.00",
                "Tranches paid and to come").doesNotContain("<html");
        String ledger = html(page("/funder/ledger", fixture.otherUser(), Roles.FUNDER).andReturn());
        assertThat(ledger).contains("<h1>Ledger</h1>", fixture.otherName(), "€40,000.00").doesNotContain(fixture.funderName());
    }

    @Test
    void the_carrier_files_an_application_with_a_row_per_partner_and_a_request_over_the_rate_is_refused_by_its_row() throws Exception {
        String funderUser = newUser("filing", Roles.FUNDER);
        String code = "FILE-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "X");
        String funder = ensureFunder(code, "Fonds de dépôt " + code, "REGION", null, funderUser);
        String call = ensureCall(funder, code + "-C");
        ApiConsortium c = labelledThroughApi("Photonic lidar for ferries " + code, "Grand Groupe Ferry");
        completeOk(STAFF, awaitTask(STAFF, c.projectId(), "user_choose_target_calls"), Map.of("targetCalls", call));
        String taskId = (String) awaitTask(c.carrierUser(), c.projectId(), "user_file_application", "callId", call).get("id");
        String applicationId = SubmitFundingApplicationCommand.applicationId(c.projectId(), call.substring(5));

        String form = html(page("/tasks/" + taskId, c.carrierUser(), Roles.CARRIER).andReturn());
        assertThat(form).contains("Requests per partner", "Photonique SME", "Grand Groupe Ferry", "Laboratoire Photonique",
                "Call " + code + "-C", "€250,000.50", "name=\"req-" + c.carrierOrg() + "\"", "name=\"ir-" + c.labOrg() + "\"")
                .doesNotContain("one partner per line");

        // 35 % of 300,000 is 105,000: 105,000.01 is refused by the SME's row, and nothing is stored
        long before = storedEventCount();
        MvcResult refused = submit(MockMvcRequestBuilders.post("/tasks/" + taskId)
                .param("ir-" + c.carrierOrg(), "200,000").param("ed-" + c.carrierOrg(), "100000").param("req-" + c.carrierOrg(), "105,000.01")
                .param("ir-" + c.largeOrg(), "").param("ed-" + c.largeOrg(), "").param("req-" + c.largeOrg(), "")
                .param("ir-" + c.labOrg(), "200000").param("ed-" + c.labOrg(), "100000").param("req-" + c.labOrg(), "60000"),
                c.carrierUser(), Roles.CARRIER).andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(422);
        String html = html(refused);
        String row = html.substring(html.indexOf("id=\"partner-" + c.carrierOrg() + "\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).contains("id=\"req-" + c.carrierOrg() + "-problem\"", "105,000.00", "value=\"105,000.01\"");
        assertThat(storedEventCount()).isEqualTo(before);
        assertThat(events(applicationId)).isEmpty();

        // in French, with the partners left empty asking nothing
        MvcResult filed = submit(MockMvcRequestBuilders.post("/tasks/" + taskId).header("Accept-Language", "fr")
                .param("ir-" + c.carrierOrg(), "200 000").param("ed-" + c.carrierOrg(), "100 000,00").param("req-" + c.carrierOrg(), "104 999,99")
                .param("ir-" + c.largeOrg(), "").param("ed-" + c.largeOrg(), "").param("req-" + c.largeOrg(), "")
                .param("ir-" + c.labOrg(), "200000").param("ed-" + c.labOrg(), "100000").param("req-" + c.labOrg(), "60000"),
                c.carrierUser(), Roles.CARRIER).andReturn();
        assertThat(filed.getResponse().getStatus()).as(html(filed)).isEqualTo(302);
        org.tremplin.funding.api.FundingApplicationSubmittedEvent submitted =
                (org.tremplin.funding.api.FundingApplicationSubmittedEvent) events(applicationId).get(0).getPayload();
        assertThat(submitted.requests()).extracting(r -> r.organisationId(), r -> r.requestedAmount()).containsExactly(
                org.assertj.core.groups.Tuple.tuple(c.carrierOrg(), new BigDecimal("104999.99")),
                org.assertj.core.groups.Tuple.tuple(c.labOrg(), new BigDecimal("60000.00")));
    }

    @Test
    void the_convention_pages_show_the_convention_beside_the_fields_and_the_statement_beside_its_review() throws Exception {
        String conventionId = org.tremplin.funding.api.GrantedAid.conventionId(fixture.otherApplicationId(), fixture.sme());
        String sign = (String) awaitTask(fixture.otherUser(), fixture.projectId(), "user_sign_convention", "conventionId", conventionId).get("id");
        String signPage = html(page("/tasks/" + sign, fixture.otherUser(), Roles.FUNDER).andReturn());
        assertThat(signPage).contains("Convention", "€40,000.00", "awaiting signature", "name=\"signedOn\"", "name=\"advancePercent\"",
                "Signed on");
        // a date that is not a date is refused by its field, nothing stored
        long before = storedEventCount();
        MvcResult refused = submit(MockMvcRequestBuilders.post("/tasks/" + sign).param("signedOn", LocalDate.now(PARIS).plusDays(3).toString())
                .param("endDate", LocalDate.now(PARIS).plusYears(2).toString()).param("advancePercent", "20")
                .param("interimCapPercent", "80"), fixture.otherUser(), Roles.FUNDER).andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(422);
        assertThat(html(refused)).contains("cannot be in the future");
        assertThat(storedEventCount()).isEqualTo(before);
        signConvention(fixture.otherUser(), fixture.projectId(), conventionId, "20");

        String pay = (String) awaitTask(fixture.otherUser(), fixture.projectId(), "user_pay_advance", "conventionId", conventionId).get("id");
        assertThat(html(page("/tasks/" + pay, fixture.otherUser(), Roles.FUNDER).andReturn()))
                .contains("Advance due:", "€8,000.00", "name=\"paymentReference\"");
        MvcResult paid = submit(MockMvcRequestBuilders.post("/tasks/" + pay).param("paymentReference", "R-1"),
                fixture.otherUser(), Roles.FUNDER).andReturn();
        assertThat(paid.getResponse().getStatus()).isEqualTo(302);

        submitStatement(fixture.carrierUser(), fixture.projectId(), conventionId, "30000.50", false);
        String review = (String) awaitTask(fixture.otherUser(), fixture.projectId(), "user_review_expense_statement", "conventionId",
                conventionId).get("id");
        String reviewPage = html(mvc.perform(as(MockMvcRequestBuilders.get("/tasks/" + review).header("Accept-Language", "fr"),
                fixture.otherUser(), Roles.FUNDER)).andReturn());
        NumberFormat euros = NumberFormat.getCurrencyInstance(Locale.FRANCE);
        assertThat(reviewPage).contains("état de dépenses", euros.format(new BigDecimal("30000.50")), "Valider", "Rejeter",
                "name=\"approvedAmount\"", "Montant validé", euros.format(new BigDecimal("8000.00")));
        // the funding summary shows the tranche paid, the statement, and what is still to come
        String summary = html(page("/projects/" + fixture.projectId() + "/funding", fixture.carrierUser(), Roles.CARRIER).andReturn());
        assertThat(summary).contains("Advance", "€8,000.00", "€32,000.00", "submitted", "€30,000.50");
    }

    /** Server time of each funding page (MockMvc, warm, median of 5), printed; a loose bound catches a regression. */
    @Test
    void page_times() throws Exception {
        Map<String, String[]> pages = new java.util.LinkedHashMap<>();
        pages.put("/funder", new String[]{fixture.funderUser(), Roles.FUNDER});
        pages.put("/funder/ledger", new String[]{fixture.otherUser(), Roles.FUNDER});
        pages.put("/tasks", new String[]{fixture.funderUser(), Roles.FUNDER});
        pages.put("/tasks/" + fixture.decisionTaskId(), new String[]{fixture.funderUser(), Roles.FUNDER});
        pages.put("/projects/" + fixture.projectId() + "/funding", new String[]{fixture.carrierUser(), Roles.CARRIER});
        pages.put("/funding/overdue", new String[]{STAFF, Roles.POLE_STAFF});
        pages.put("/funding/lead-times", new String[]{STAFF, Roles.POLE_STAFF});
        for (Map.Entry<String, String[]> entry : pages.entrySet()) {
            List<Long> times = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                long start = System.nanoTime();
                int status = page(entry.getKey(), entry.getValue()[0], entry.getValue()[1]).andReturn().getResponse().getStatus();
                times.add((System.nanoTime() - start) / 1_000_000);
                assertThat(status).isEqualTo(200);
            }
            times.remove(0); // the first one warms the templates
            java.util.Collections.sort(times);
            long median = times.get(times.size() / 2);
            System.out.printf("PAGE TIME %-60s median %4d ms (of %s)%n", entry.getKey().replaceAll("[0-9a-f-]{36}", "{task}"),
                    median, times);
            assertThat(median).as(entry.getKey()).isLessThan(2000);
        }
    }
}

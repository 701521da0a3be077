package org.tremplin.investment.web;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.util.HtmlUtils;
import org.tremplin.investment.api.CommitmentMadeEvent;
import org.tremplin.investment.api.RoundOpenedEvent;
import org.tremplin.platform.web.console.ConsoleFormats;
import org.tremplin.shared.ParisTime;
import org.tremplin.shared.Roles;
import org.tremplin.support.ConsolePageTestSupport;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The investment pages as each role sees them: an invited investor's round (terms, NDA, data room and funding passport,
 * commitment, allocation), what an investor never sees (a round it is not invited to, another investor's commitment
 * or allocation, the data room before its NDA), refusals by their field with nothing stored, staff and carrier
 * actions, the task forms, and the French rendering.
 */
class InvestmentPagesTest extends ConsolePageTestSupport {

    private static final ZoneId PARIS = ParisTime.ZONE;
    private static final String DOCUMENT = "Business plan 2027-2030";

    /** One labelled project for the class: labelling takes a while, rounds are cheap. */
    private static ApiConsortium project;

    record Investor(String id, String name, String user) {
    }

    @BeforeEach
    void labelledProject() {
        if (project == null) {
            project = labelledThroughApi("Photonic lidar for trams", "Tram Systems SA");
        }
    }

    // ---------------------------------------------------------------- tests

    @Test
    void an_invited_investor_sees_the_round_and_an_investor_not_invited_gets_404_without_its_title_or_figures() throws Exception {
        Investor invited = investor("VC_FUND");
        Investor outsider = investor("BUSINESS_ANGEL");
        String title = "Series A " + UUID.randomUUID().toString().substring(0, 6);
        String roundId = openRound(title, 500000, 50000);
        invite(roundId, invited);
        nda(roundId, invited);

        String home = html(page("/investor", invited.user(), Roles.INVESTOR).andReturn(), 200);
        assertThat(home).contains(title).contains("/rounds/" + roundId).contains("€500,000").contains("€50,000")
                .contains("signed on").contains("hx-get=\"/tasks/panel\"");
        assertThat(html(page("/rounds/" + roundId, invited.user(), Roles.INVESTOR).andReturn(), 200)).contains(title);

        // not invited: the round does not exist for the outsider, on every page and action
        long before = events(roundId).size();
        for (String path : List.of("/rounds/" + roundId, "/projects/" + project.projectId() + "/rounds")) {
            String hidden = html(page(path, outsider.user(), Roles.INVESTOR).andReturn(), 404);
            assertThat(hidden).doesNotContain(title).doesNotContain("500,000").doesNotContain("50,000")
                    .doesNotContain(DOCUMENT).doesNotContain(project.projectId() + "</");
        }
        assertThat(html(page("/investor", outsider.user(), Roles.INVESTOR).andReturn(), 200)).doesNotContain(title)
                .doesNotContain(roundId);
        html(submit(form("/rounds/" + roundId + "/nda"), outsider.user(), Roles.INVESTOR).andReturn(), 404);
        html(submit(form("/rounds/" + roundId + "/commitment").param("amount", "100000"), outsider.user(), Roles.INVESTOR)
                .andReturn(), 404);
        // staff actions are missing for an investor and for the company's carrier alike
        html(submit(form("/rounds/" + roundId + "/invitations").param("investorId", outsider.id()), invited.user(),
                Roles.INVESTOR).andReturn(), 404);
        html(submit(form("/rounds/" + roundId + "/close").param("closeReason", "Mine now"), project.carrierUser(),
                Roles.CARRIER).andReturn(), 404);
        html(page("/rounds/new?projectId=" + project.projectId(), invited.user(), Roles.INVESTOR).andReturn(), 404);
        html(page("/investor", project.carrierUser(), Roles.CARRIER).andReturn(), 404);
        assertThat(events(roundId)).hasSize((int) before);
    }

    @Test
    void before_the_nda_the_terms_data_room_and_passport_are_absent_and_after_signing_it_they_show() throws Exception {
        Investor investor = investor("VC_FUND");
        String roundId = openRound("Series A", 500000, 50000);
        invite(roundId, investor);

        String before = html(page("/rounds/" + roundId, investor.user(), Roles.INVESTOR).andReturn(), 200);
        assertThat(before).contains("Sign the NDA").doesNotContain(DOCUMENT).doesNotContain("Funding passport")
                .doesNotContain("data-room").doesNotContain("€500,000").doesNotContain(project.projectId())
                .doesNotContain("name=\"amount\"");

        MvcResult signed = submit(form("/rounds/" + roundId + "/nda"), investor.user(), Roles.INVESTOR).andReturn();
        assertThat(signed.getResponse().getStatus()).isEqualTo(302);
        assertThat(signed.getResponse().getRedirectedUrl()).isEqualTo("/rounds/" + roundId);
        assertThat(eventTypes(roundId)).endsWith("RoundNdaAcceptedEvent");
        assertThat(events(roundId).get(events(roundId).size() - 1).getMetaData()).containsEntry("actor", investor.user());

        String after = html(page("/rounds/" + roundId, investor.user(), Roles.INVESTOR).andReturn(), 200);
        assertThat(after).contains("NDA signed").contains(DOCUMENT).contains("Funding passport").contains(project.projectId())
                .contains("Granted").contains("Audit seal verification").contains("€500,000").contains("name=\"amount\"")
                // the CONSORTIUM level withholds the label's reasons from investors
                .doesNotContain("Innovative.");
    }

    @Test
    void an_investor_never_sees_another_investors_commitment_or_allocation() throws Exception {
        Investor mine = investor("VC_FUND");
        Investor other = investor("CORPORATE_FUND");
        String roundId = openRound("Series B", 500000, 50000);
        invite(roundId, mine);
        invite(roundId, other);
        nda(roundId, mine);
        nda(roundId, other);
        assertThat(post(other.user(), "/api/rounds/" + roundId + "/commitment", Map.of("amount", 123000))
                .getStatusCode().value()).isEqualTo(200);

        MvcResult committed = submit(form("/rounds/" + roundId + "/commitment").param("amount", "87,000"), mine.user(),
                Roles.INVESTOR).andReturn();
        assertThat(committed.getResponse().getStatus()).isEqualTo(302);
        CommitmentMadeEvent made = lastEvent(roundId, CommitmentMadeEvent.class);
        assertThat(made.investorId()).isEqualTo(mine.id());
        assertThat(made.amount()).isEqualByComparingTo("87000");

        for (String path : List.of("/rounds/" + roundId, "/investor")) {
            assertThat(html(page(path, mine.user(), Roles.INVESTOR).andReturn(), 200)).contains("€87,000")
                    .doesNotContain("123,000").doesNotContain("123000").doesNotContain(other.name())
                    .doesNotContain(other.id()).doesNotContain(other.user()).doesNotContain("210,000");
        }

        // staff close early through the page: each investor sees its own allocation only; staff and the company see all
        MvcResult closed = submit(form("/rounds/" + roundId + "/close").param("closeReason", "Enough for now"), STAFF,
                Roles.POLE_STAFF).andReturn();
        assertThat(closed.getResponse().getStatus()).isEqualTo(302);
        assertThat(eventTypes(roundId)).endsWith("RoundClosedEvent");
        for (String path : List.of("/rounds/" + roundId, "/investor")) {
            assertThat(html(page(path, mine.user(), Roles.INVESTOR).andReturn(), 200)).contains("Your allocation")
                    .contains("€87,000").doesNotContain("123,000").doesNotContain(other.name()).doesNotContain(other.id());
        }
        // too late: a conflict with the round's state is shown at the top of the page, and nothing is stored
        int afterClose = events(roundId).size();
        assertThat(html(submit(form("/rounds/" + roundId + "/close").param("closeReason", "Again"), STAFF, Roles.POLE_STAFF)
                .andReturn(), 409)).contains("id=\"problem\"").contains("already closed");
        assertThat(html(submit(form("/rounds/" + roundId + "/commitment").param("amount", "90000"), mine.user(),
                Roles.INVESTOR).andReturn(), 409)).contains("id=\"problem\"").contains("too late to commit");
        assertThat(events(roundId)).hasSize(afterClose);
        for (String user : List.of(STAFF, project.carrierUser())) {
            assertThat(html(page("/rounds/" + roundId, user, user.equals(STAFF) ? Roles.POLE_STAFF : Roles.CARRIER)
                    .andReturn(), 200)).contains(other.name()).contains("€123,000").contains(mine.name()).contains("€87,000")
                    .contains("Enough for now");
        }
    }

    @Test
    void a_commitment_under_the_minimum_ticket_is_refused_next_to_the_amount_and_stores_no_event() throws Exception {
        Investor investor = investor("BPIFRANCE_FUND");
        String roundId = openRound("Series A", 500000, 50000);
        invite(roundId, investor);
        nda(roundId, investor);
        int before = events(roundId).size();

        String refused = html(submit(form("/rounds/" + roundId + "/commitment").param("amount", "10 000"), investor.user(),
                Roles.INVESTOR).andReturn(), 422);
        assertThat(amountField(refused)).contains("id=\"amount-problem\"").contains("below the minimum ticket")
                .contains("value=\"10 000\"");
        String malformed = html(submit(form("/rounds/" + roundId + "/commitment").param("amount", "ten thousand"),
                investor.user(), Roles.INVESTOR).andReturn(), 400);
        assertThat(amountField(malformed)).contains("id=\"amount-problem\"").contains("is not an amount in euros");
        String cents = html(submit(form("/rounds/" + roundId + "/commitment").param("amount", "60000.50"),
                investor.user(), Roles.INVESTOR).andReturn(), 400);
        assertThat(amountField(cents)).contains("id=\"amount-problem\"");
        assertThat(events(roundId)).hasSize(before);
    }

    @Test
    void the_round_page_in_french_formats_amounts_and_dates_and_in_english_too() throws Exception {
        Investor investor = investor("VC_FUND");
        String roundId = openRound("Série A", 1234567, 50000);
        invite(roundId, investor);
        nda(roundId, investor);
        LocalDate closing = LocalDate.now(PARIS).plusMonths(2);

        String french = html(mvc.perform(as(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .get("/rounds/" + roundId).header("Accept-Language", "fr"), investor.user(), Roles.INVESTOR)).andReturn(), 200);
        String english = html(page("/rounds/" + roundId + "?lang=en", investor.user(), Roles.INVESTOR).andReturn(), 200);
        assertThat(french).contains("lang=\"fr\"").contains("Conditions").contains("Date de clôture")
                .contains("Accord signé")
                .contains(euros(1234567, Locale.FRENCH)).contains(euros(50000, Locale.FRENCH))
                .contains(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(Locale.FRENCH).format(closing))
                .contains("Montant en euros entiers").contains("Passeport de financement").contains("Consortium seulement")
                .contains("les motifs du label").contains("Accordé").doesNotContain("€1,234,567");
        assertThat(euros(1234567, Locale.FRENCH)).isNotEqualTo("€1,234,567").endsWith("€");
        assertThat(english).contains("lang=\"en\"").contains("Closing date").contains("€1,234,567").contains("€50,000")
                .contains(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(Locale.UK).format(closing));

        // an amount typed the French way is read as euros
        MvcResult committed = mvc.perform(as(form("/rounds/" + roundId + "/commitment").param("amount", "75 000")
                .header("Accept-Language", "fr").with(org.springframework.security.test.web.servlet.request
                        .SecurityMockMvcRequestPostProcessors.csrf()), investor.user(), Roles.INVESTOR)).andReturn();
        assertThat(committed.getResponse().getStatus()).isEqualTo(302);
        assertThat(lastEvent(roundId, CommitmentMadeEvent.class).amount()).isEqualByComparingTo("75000");
    }

    @Test
    void a_carrier_opens_a_round_with_its_passport_choice_and_staff_invite_an_investor_and_add_a_document() throws Exception {
        String form = html(page("/rounds/new?projectId=" + project.projectId(), project.carrierUser(), Roles.CARRIER)
                .andReturn(), 200);
        assertThat(form).contains("Photonic lidar for trams").contains("value=\"" + project.carrierOrg() + "\"")
                .contains("name=\"sharePassport\"").contains("name=\"shareCommitments\"").contains("type=\"date\"")
                .doesNotContain("value=\"" + project.labOrg() + "\"");
        // another company's member may not open one for this project
        html(page("/rounds/new?projectId=" + project.projectId(), project.largeUser(), Roles.CARRIER).andReturn(), 404);

        LocalDate closing = LocalDate.now(PARIS).plusMonths(3);
        String refused = html(submit(form("/rounds/new?projectId=" + project.projectId()).param("title", "Seed")
                .param("companyOrganisationId", project.carrierOrg()).param("instrument", "EQUITY")
                .param("targetAmount", "200,000").param("minimumRaise", "300,000").param("maximumRaise", "400,000")
                .param("minimumTicket", "10,000").param("preMoneyValuation", "2,000,000")
                .param("closingDate", closing.toString()), project.carrierUser(), Roles.CARRIER).andReturn(), 400);
        assertThat(refused).contains("id=\"targetAmount-problem\"").contains("value=\"200,000\"");

        MvcResult opened = submit(form("/rounds/new?projectId=" + project.projectId()).param("title", "Seed")
                .param("companyOrganisationId", project.carrierOrg()).param("instrument", "EQUITY")
                .param("targetAmount", "350,000").param("minimumRaise", "300,000").param("maximumRaise", "400,000")
                .param("minimumTicket", "10,000").param("preMoneyValuation", "2,000,000")
                .param("closingDate", closing.toString()).param("shareCommitments", "true"),
                project.carrierUser(), Roles.CARRIER).andReturn();
        assertThat(opened.getResponse().getStatus()).isEqualTo(302);
        String roundId = opened.getResponse().getRedirectedUrl().substring("/rounds/".length());
        RoundOpenedEvent event = lastEvent(roundId, RoundOpenedEvent.class);
        assertThat(event.sharePassport()).isFalse();
        assertThat(event.shareCommitments()).isTrue();
        assertThat(event.terms().targetAmount()).isEqualByComparingTo("350000");
        assertThat(event.terms().closingDate()).isEqualTo(closing);

        // the company's members see the sharing choice as recorded
        assertThat(html(page("/rounds/" + roundId, project.carrierUser(), Roles.CARRIER).andReturn(), 200))
                .contains("Not shared").contains("Shared: investors under NDA see each other")
                .doesNotContain("Invite an investor");

        // staff invite from the select of investors, and add a document
        Investor investor = investor("BUSINESS_ANGEL");
        String staffPage = html(page("/rounds/" + roundId, STAFF, Roles.POLE_STAFF).andReturn(), 200);
        assertThat(staffPage).contains("<option value=\"" + investor.id() + "\">" + investor.name() + "</option>");
        assertThat(submit(form("/rounds/" + roundId + "/invitations").param("investorId", investor.id()), STAFF,
                Roles.POLE_STAFF).andReturn().getResponse().getStatus()).isEqualTo(302);
        assertThat(submit(form("/rounds/" + roundId + "/documents").param("documentTitle", "Cap table")
                .param("documentReference", "dataroom://seed/cap-table.xlsx"), STAFF, Roles.POLE_STAFF).andReturn()
                .getResponse().getStatus()).isEqualTo(302);
        assertThat(eventTypes(roundId)).endsWith("InvestorInvitedEvent", "RoundDocumentAddedEvent");
        // auditors read the whole round and act on nothing
        assertThat(html(page("/rounds/" + roundId, AUDITOR, Roles.AUDITOR).andReturn(), 200)).contains(investor.name())
                .contains("Cap table").doesNotContain("Invite an investor").doesNotContain("Add the document")
                .doesNotContain("Close the round now");

        // the project page's fragment lists the round for the carrier; an uninvolved investor gets an empty 404
        assertThat(html(page("/projects/" + project.projectId() + "/rounds", project.carrierUser(), Roles.CARRIER)
                .andReturn(), 200)).contains("/rounds/" + roundId).contains("Seed").contains("/rounds/new?projectId=");
        assertThat(html(page("/projects/" + project.projectId() + "/rounds", investor(("VC_FUND")).user(), Roles.INVESTOR)
                .andReturn(), 404)).doesNotContain("Seed").doesNotContain(roundId);
    }

    @Test
    void the_invitation_task_form_takes_the_nda_and_a_commitment_in_euros_and_shows_a_refusal_by_the_amount() throws Exception {
        Investor investor = investor("VC_FUND");
        String roundId = openRound("Series A", 500000, 50000);
        invite(roundId, investor);
        Map<String, Object> task = awaitTask(investor.user(), roundId, "user_answer_invitation");
        String taskPath = "/tasks/" + task.get("id");

        String form = html(page(taskPath, investor.user(), Roles.INVESTOR).andReturn(), 200);
        assertThat(form).contains("Series A").contains("name=\"acceptNda\"").contains("name=\"commitment\"")
                .contains("class=\"money\"").doesNotContain(DOCUMENT);
        int before = events(roundId).size();
        String refused = html(submit(form(taskPath).param("acceptNda", "true").param("commitment", "10 000"),
                investor.user(), Roles.INVESTOR).andReturn(), 422);
        assertThat(refused).contains("id=\"commitment-problem\"").contains("below the minimum ticket");
        assertThat(events(roundId)).hasSize(before);

        assertThat(submit(form(taskPath).param("acceptNda", "true").param("commitment", "60,000"), investor.user(),
                Roles.INVESTOR).andReturn().getResponse().getStatus()).isEqualTo(302);
        assertThat(eventTypes(roundId)).endsWith("RoundNdaAcceptedEvent", "CommitmentMadeEvent");
        assertThat(lastEvent(roundId, CommitmentMadeEvent.class).amount()).isEqualByComparingTo("60000");

        // once the NDA is signed, another investor's invitation task says so instead of asking again
        Investor second = investor("CORPORATE_FUND");
        invite(roundId, second);
        nda(roundId, second);
        Map<String, Object> secondTask = awaitTask(second.user(), roundId, "user_answer_invitation");
        assertThat(html(page("/tasks/" + secondTask.get("id"), second.user(), Roles.INVESTOR).andReturn(), 200))
                .contains("NDA signed").contains("<input type=\"hidden\" name=\"acceptNda\" value=\"true\">")
                .doesNotContain("€60,000");
        assertThat(submit(form("/tasks/" + secondTask.get("id")).param("acceptNda", "true").param("commitment", ""),
                second.user(), Roles.INVESTOR).andReturn().getResponse().getStatus()).isEqualTo(302);
        assertThat(eventTypes(roundId)).filteredOn("RoundNdaAcceptedEvent"::equals).hasSize(2);
    }

    @Test
    void staff_amend_the_terms_on_the_page_and_the_investor_sees_old_and_new_terms_and_reconfirms() throws Exception {
        Investor investor = investor("CORPORATE_FUND");
        String roundId = openRound("Series C", 500000, 50000);
        invite(roundId, investor);
        nda(roundId, investor);
        assertThat(post(investor.user(), "/api/rounds/" + roundId + "/commitment", Map.of("amount", 90000))
                .getStatusCode().value()).isEqualTo(200);
        LocalDate closing = LocalDate.now(PARIS).plusMonths(2);

        // a refusal of the amended terms shows by the field it names, and stores nothing
        int before = events(roundId).size();
        String refused = html(submit(form("/rounds/" + roundId + "/terms").param("instrument", "EQUITY")
                .param("targetAmount", "500,000").param("minimumRaise", "300,000").param("maximumRaise", "250,000")
                .param("minimumTicket", "60,000").param("preMoneyValuation", "3,000,000")
                .param("closingDate", closing.toString()).param("amendReason", "Valuation revised"), STAFF,
                Roles.POLE_STAFF).andReturn(), 400);
        assertThat(refused).contains("id=\"maximumRaise-problem\"");
        assertThat(events(roundId)).hasSize(before);

        assertThat(submit(form("/rounds/" + roundId + "/terms").param("instrument", "EQUITY")
                .param("targetAmount", "500,000").param("minimumRaise", "300,000").param("maximumRaise", "600,000")
                .param("minimumTicket", "60,000").param("preMoneyValuation", "3,000,000")
                .param("closingDate", closing.toString()).param("amendReason", "Valuation revised")
                .param("reconfirmWithinDays", "7"), STAFF, Roles.POLE_STAFF).andReturn().getResponse().getStatus())
                .isEqualTo(302);
        assertThat(eventTypes(roundId)).endsWith("RoundTermsAmendedEvent");

        String page = html(page("/rounds/" + roundId, investor.user(), Roles.INVESTOR).andReturn(), 200);
        assertThat(page).contains("to reconfirm").contains("Reconfirm my commitment").contains("€3,000,000");
        Map<String, Object> task = awaitTask(investor.user(), roundId, "user_reconfirm_commitment");
        String form = html(page("/tasks/" + task.get("id"), investor.user(), Roles.INVESTOR).andReturn(), 200);
        assertThat(form).contains("Terms before").contains("New terms").contains("€4,000,000").contains("€3,000,000")
                .contains("Valuation revised").contains("name=\"reconfirm\"");

        assertThat(submit(form("/rounds/" + roundId + "/commitment/reconfirm"), investor.user(), Roles.INVESTOR)
                .andReturn().getResponse().getStatus()).isEqualTo(302);
        assertThat(eventTypes(roundId)).endsWith("CommitmentReconfirmedEvent");

        // the close task's page shows where the round stands
        Map<String, Object> close = awaitTask(STAFF, roundId, "user_close_round");
        assertThat(html(page("/tasks/" + close.get("id"), STAFF, Roles.POLE_STAFF).andReturn(), 200)).contains("Series C")
                .contains("€90,000").contains("name=\"closeReason\"").contains("<textarea");
    }

    // ---------------------------------------------------------------- fixtures

    private Investor investor(String kind) {
        String user = newUser("investor", Roles.INVESTOR);
        String code = "T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        String name = "Fund " + code;
        assertThat(post(STAFF, "/api/investors", Map.of("code", code, "name", name, "kind", kind)).getStatusCode().value())
                .isEqualTo(201);
        String id = "INVESTOR-" + code;
        assertThat(post(STAFF, "/api/investors/" + id + "/users", Map.of("userId", user)).getStatusCode().value())
                .isEqualTo(200);
        return new Investor(id, name, user);
    }

    /** The carrier opens an equity round of the project (passport shared, commitments not), with a document. */
    private String openRound(String title, long target, long minimumTicket) {
        Map<String, Object> terms = equityTerms(target, 300000, Math.max(600000, target), minimumTicket, 4000000,
                LocalDate.now(PARIS).plusMonths(2));
        ResponseEntity<Map<String, Object>> opened = post(project.carrierUser(), "/api/rounds", Map.of("title", title,
                "companyOrganisationId", project.carrierOrg(), "projectId", project.projectId(), "terms", terms,
                "sharePassport", true, "shareCommitments", false));
        assertThat(opened.getStatusCode().value()).as("%s", opened.getBody()).isEqualTo(201);
        String roundId = (String) opened.getBody().get("id");
        assertThat(post(project.carrierUser(), "/api/rounds/" + roundId + "/documents",
                Map.of("title", DOCUMENT, "reference", "dataroom://photonique/bp.pdf")).getStatusCode().value()).isEqualTo(200);
        return roundId;
    }

    private void invite(String roundId, Investor investor) {
        assertThat(post(STAFF, "/api/rounds/" + roundId + "/invitations", Map.of("investorId", investor.id()))
                .getStatusCode().value()).isEqualTo(200);
    }

    private void nda(String roundId, Investor investor) {
        assertThat(post(investor.user(), "/api/rounds/" + roundId + "/nda", Map.of()).getStatusCode().value()).isEqualTo(200);
    }

    private <T> T lastEvent(String roundId, Class<T> type) {
        return events(roundId).stream().map(e -> e.getPayload()).filter(type::isInstance).map(type::cast)
                .reduce((a, b) -> b).orElseThrow();
    }

    /** The page's HTML (entities decoded), after checking its status. */
    private static String html(MvcResult result, int status) throws Exception {
        String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(result.getResponse().getStatus()).as("status of %s: %s", result.getRequest().getRequestURI(), body)
                .isEqualTo(status);
        assertThat(body).as("a message missing from the bundles").doesNotContain("??");
        return HtmlUtils.htmlUnescape(body);
    }

    /** The commitment form's amount field, from its input to the end of its field. */
    private static String amountField(String html) {
        int start = html.indexOf("id=\"amount\"");
        assertThat(start).as("the amount input").isPositive();
        return html.substring(start, html.indexOf("</div>", start));
    }

    /** A console form's POST. */
    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder form(String path) {
        return org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path);
    }

    private static String euros(long amount, Locale locale) {
        Locale previous = LocaleContextHolder.getLocale();
        LocaleContextHolder.setLocale(locale);
        try {
            return new ConsoleFormats().euros(BigDecimal.valueOf(amount));
        } finally {
            LocaleContextHolder.setLocale(previous);
        }
    }
}

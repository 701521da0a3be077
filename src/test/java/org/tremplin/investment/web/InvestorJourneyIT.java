package org.tremplin.investment.web;

import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.http.ResponseEntity;
import org.tremplin.investment.api.CommitmentMadeEvent;
import org.tremplin.investment.api.RoundNdaAcceptedEvent;
import org.tremplin.shared.ParisTime;
import org.tremplin.shared.Roles;
import org.tremplin.support.Browser;
import org.tremplin.support.ConsoleJourneySupport;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An investor in a real browser: signs in, opens the round it is invited to, signs the NDA, reads the data room and the
 * project's funding passport, has a commitment under the minimum ticket refused by the amount, then commits; the NDA
 * and the commitment are checked in the event store, with the investor as their actor.
 */
class InvestorJourneyIT extends ConsoleJourneySupport {

    private static final ZoneId PARIS = ParisTime.ZONE;

    @Test
    void an_investor_signs_the_nda_reads_the_passport_and_commits() {
        // setup through the API: a labelled project, its carrier's round with the passport shared, an invited investor
        ApiConsortium project = labelledThroughApi("Photonic lidar for metros", "Metro Systems SA");
        String user = newUser("investor", Roles.INVESTOR);
        String code = "J" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        String investorId = "INVESTOR-" + code;
        assertThat(post(STAFF, "/api/investors", Map.of("code", code, "name", "Alpes Angels " + code,
                "kind", "BUSINESS_ANGEL")).getStatusCode().value()).isEqualTo(201);
        assertThat(post(STAFF, "/api/investors/" + investorId + "/users", Map.of("userId", user)).getStatusCode().value())
                .isEqualTo(200);
        String title = "Series A " + code;
        ResponseEntity<Map<String, Object>> opened = post(project.carrierUser(), "/api/rounds", Map.of("title", title,
                "companyOrganisationId", project.carrierOrg(), "projectId", project.projectId(),
                "terms", equityTerms(500000, 300000, 600000, 50000, 4000000, LocalDate.now(PARIS).plusMonths(2)),
                "sharePassport", true, "shareCommitments", false));
        assertThat(opened.getStatusCode().value()).as("%s", opened.getBody()).isEqualTo(201);
        String roundId = (String) opened.getBody().get("id");
        assertThat(post(project.carrierUser(), "/api/rounds/" + roundId + "/documents", Map.of("title",
                "Business plan 2027-2030", "reference", "dataroom://metro/bp.pdf")).getStatusCode().value()).isEqualTo(200);
        assertThat(post(STAFF, "/api/rounds/" + roundId + "/invitations", Map.of("investorId", investorId))
                .getStatusCode().value()).isEqualTo(200);

        Browser browser = browser("investor");
        browser.signIn(user, PASSWORD);
        assertThat(browser.path()).isEqualTo("/investor");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Investment rounds");
        assertThat(browser.mainText()).contains(title).contains("to sign");
        // the tasks panel loads with htmx: the invitation waits as a task too
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Consider the round"));
        browser.screenshot("investor-home");

        browser.click(By.linkText(title));
        browser.waitFor(d -> browser.path().equals("/rounds/" + roundId));
        assertThat(browser.path()).isEqualTo("/rounds/" + roundId);
        assertThat(browser.mainText()).contains("Sign the NDA").doesNotContain("Business plan 2027-2030")
                .doesNotContain("Funding passport").doesNotContain("€500,000");
        browser.screenshot("round-before-nda");

        browser.click(By.id("sign-nda"));
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("data-room")));
        assertThat(browser.find(By.cssSelector(".flash")).getText()).contains("NDA signed");
        String dataRoom = browser.find(By.id("data-room")).getText();
        assertThat(dataRoom).contains("Business plan 2027-2030").contains("Funding passport").contains(project.projectId())
                .contains("Granted").contains("Audit seal verification");
        assertThat(browser.mainText()).contains("€500,000").contains("€50,000");
        browser.screenshot("round-after-nda");
        ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeScript("document.getElementById('data-room').scrollIntoView()");
        browser.screenshot("data-room-and-passport");

        // a ticket under the minimum is refused by the amount field, and nothing is stored
        int before = events(roundId).size();
        browser.type(By.id("amount"), "10 000").click(By.id("commit"));
        assertThat(browser.find(By.id("amount-problem")).getText()).contains("below the minimum ticket");
        assertThat(browser.find(By.id("amount")).getAttribute("aria-describedby")).contains("amount-problem");
        assertThat(events(roundId)).hasSize(before);
        browser.screenshot("commitment-refused");

        browser.type(By.id("amount"), "150,000").click(By.id("commit"));
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".own-commitment")));
        assertThat(browser.find(By.cssSelector(".own-commitment")).getText()).isEqualTo("€150,000");
        assertThat(browser.find(By.cssSelector(".flash")).getText()).contains("Commitment recorded");
        browser.screenshot("committed");

        // the events stored: the NDA and the commitment, each by the investor's user
        List<? extends DomainEventMessage<?>> events = events(roundId);
        DomainEventMessage<?> nda = events.stream().filter(e -> e.getPayload() instanceof RoundNdaAcceptedEvent)
                .findFirst().orElseThrow();
        assertThat(((RoundNdaAcceptedEvent) nda.getPayload()).investorId()).isEqualTo(investorId);
        assertThat(nda.getMetaData()).containsEntry("actor", user);
        DomainEventMessage<?> commitment = events.get(events.size() - 1);
        assertThat(commitment.getPayload()).isInstanceOf(CommitmentMadeEvent.class);
        assertThat(((CommitmentMadeEvent) commitment.getPayload()).amount()).isEqualByComparingTo("150000");
        assertThat(((CommitmentMadeEvent) commitment.getPayload()).investorId()).isEqualTo(investorId);
        assertThat(commitment.getMetaData()).containsEntry("actor", user);

        // the home shows the commitment; on a phone's width too
        browser.go("/investor");
        assertThat(browser.mainText()).contains("€150,000").contains("signed on");
        browser.screenshot("investor-home-committed");
        browser.width(375, 800);
        browser.screenshot("investor-home-phone");
        browser.go("/rounds/" + roundId);
        browser.screenshot("round-phone");

        // the invitation's task (the same steps for Tasklist's users) has its own page: the round beside the NDA and amount
        browser.width(1280, 1000).go("/investor");
        browser.click(By.partialLinkText("Consider the round"));
        assertThat(browser.find(By.tagName("h1")).getText()).startsWith("Consider the round");
        assertThat(browser.find(By.id("commitment")).getAttribute("class")).contains("money");
        assertThat(browser.mainText()).contains(title).contains("€50,000");
        browser.screenshot("invitation-task");
    }

    @Test
    void a_carrier_opens_a_round_in_french_with_its_passport_choice_and_staff_invite_an_investor() {
        ApiConsortium project = labelledThroughApi("Capteurs photoniques pour tramways", "Tramways SA");
        String code = "K" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        String investorId = "INVESTOR-" + code;
        assertThat(post(STAFF, "/api/investors", Map.of("code", code, "name", "Fonds Rhône " + code, "kind", "VC_FUND"))
                .getStatusCode().value()).isEqualTo(201);
        LocalDate closing = LocalDate.now(PARIS).plusMonths(3);

        Browser carrier = browser("round-opening", "fr");
        carrier.signIn(project.carrierUser(), PASSWORD).go("/rounds/new?projectId=" + project.projectId());
        assertThat(carrier.find(By.tagName("h1")).getText()).isEqualTo("Ouvrir une levée de fonds");
        carrier.type(By.id("title"), "Série A " + code).select(By.id("instrument"), "Capital (actions)")
                .type(By.id("targetAmount"), "1 500 000").type(By.id("minimumRaise"), "1 000 000")
                .type(By.id("maximumRaise"), "2 000 000").type(By.id("minimumTicket"), "25 000")
                .type(By.id("preMoneyValuation"), "6 000 000,00");
        ((org.openqa.selenium.JavascriptExecutor) carrier.driver())
                .executeScript("document.getElementById('closingDate').value = arguments[0]", closing.toString());
        assertThat(carrier.find(By.id("sharePassport")).isSelected()).as("the passport is shared unless unticked").isTrue();
        carrier.click(By.id("shareCommitments"));
        carrier.screenshot("open-round-form");
        carrier.click(By.id("open-round"));
        carrier.waitFor(ExpectedConditions.urlContains("/rounds/ROUND-"));
        String roundId = carrier.path().substring("/rounds/".length());
        assertThat(carrier.mainText().replaceAll("[\u00a0\u202f]", " ")).contains("Partagé avec les investisseurs invités")
                .contains("1 500 000 €").contains("6 000 000 €");
        carrier.screenshot("round-opened");

        List<? extends DomainEventMessage<?>> events = events(roundId);
        org.tremplin.investment.api.RoundOpenedEvent opened = (org.tremplin.investment.api.RoundOpenedEvent) events.get(0).getPayload();
        assertThat(opened.sharePassport()).isTrue();
        assertThat(opened.shareCommitments()).isTrue();
        assertThat(opened.projectId()).isEqualTo(project.projectId());
        assertThat(opened.terms().targetAmount()).isEqualByComparingTo("1500000");
        assertThat(opened.terms().preMoneyValuation()).isEqualByComparingTo("6000000");
        assertThat(opened.terms().closingDate()).isEqualTo(closing);
        assertThat(events.get(0).getMetaData()).containsEntry("actor", project.carrierUser());

        Browser staff = browser("round-staff");
        staff.signIn(STAFF, PASSWORD).go("/rounds/" + roundId);
        staff.select(By.id("investorId"), "Fonds Rhône " + code).click(By.cssSelector("form.invite button"));
        assertThat(staff.find(By.cssSelector("table.investors")).getText()).contains("Fonds Rhône " + code);
        staff.screenshot("investor-invited");
        assertThat(eventTypes(roundId)).endsWith("InvestorInvitedEvent");
        assertThat(events(roundId).get(events(roundId).size() - 1).getMetaData()).containsEntry("actor", STAFF);
    }
}

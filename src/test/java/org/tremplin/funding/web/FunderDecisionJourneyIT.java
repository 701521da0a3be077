package org.tremplin.funding.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.tremplin.funding.api.FundingGrantedEvent;
import org.tremplin.funding.api.GrantedAid;
import org.tremplin.funding.api.SubmitFundingApplicationCommand;
import org.tremplin.shared.Roles;
import org.tremplin.support.Browser;
import org.tremplin.support.ConsoleJourneySupport;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A funder's user decides a grant in the console: the application to decide from the funder's home, a row per partner
 * with the rate table's maximum, amounts typed per partner; one above what the rate allows is refused by its field
 * and nothing is stored; corrected, the grant is recorded with the amounts per partner.
 */
class FunderDecisionJourneyIT extends ConsoleJourneySupport {

    @Test
    void a_funder_decides_a_grant_per_partner_one_refused_over_the_rate_then_recorded() {
        String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "X");
        String funderUser = newUser("funder", Roles.FUNDER);
        String funder = ensureFunder("FUIJ-" + suffix, "Fonds interministériel " + suffix, "STATE_FUI", null, funderUser);
        String call = ensureCall(funder, "FUIJ-" + suffix + "-C");
        ApiConsortium c = labelledThroughApi("Photonic lidar for buses " + suffix, "Grand Groupe Bus");
        String project = c.projectId();
        completeOk(STAFF, awaitTask(STAFF, project, "user_choose_target_calls"), Map.of("targetCalls", call));
        // default rates of the table: SME 35 % (of 300,000: 105,000, asked in full), large company 20 %, lab 40 %
        completeOk(c.carrierUser(), awaitTask(c.carrierUser(), project, "user_file_application", "callId", call), Map.of("requests",
                c.carrierOrg() + "; 200000; 100000; 105000\n" + c.largeOrg() + "; 300000; 100000; 50000\n"
                        + c.labOrg() + "; 200000; 100000; 60000"));
        String applicationId = SubmitFundingApplicationCommand.applicationId(project, call.substring(5));
        awaitTask(funderUser, project, "user_record_funding_decision", "callId", call);

        Browser browser = browser("funder-decision");
        browser.signIn(funderUser, PASSWORD);
        assertThat(browser.path()).isEqualTo("/funder");
        assertThat(browser.mainText()).contains("Applications to decide", "Fonds interministériel " + suffix, project);
        browser.screenshot("funder-home");

        browser.click(By.partialLinkText("Record the decision of Fonds interministériel " + suffix));
        String page = browser.mainText();
        assertThat(page).contains("Photonic lidar for buses", "Photonique SME", "Grand Groupe Bus", "Laboratoire Photonique",
                "€105,000.00", "€80,000.00", "€120,000.00", "35%");
        browser.screenshot("decision");
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                "arguments[0].scrollIntoView({block: 'start'});", browser.find(By.id("partners-heading")));
        browser.screenshot("decision-partners");

        // one above the maximum the rate table allows the SME (and above its request): refused by its field
        By sme = By.id("grant-" + c.carrierOrg());
        browser.type(sme, "105000.01")
                .type(By.id("grant-" + c.largeOrg()), "50,000")
                .type(By.id("grant-" + c.labOrg()), "0")
                .type(By.id("reasons"), "The lab's part is left to the region.");
        browser.click(By.cssSelector("form.task-form button[type=submit]"));
        String problem = browser.find(By.id("grant-" + c.carrierOrg() + "-problem")).getText();
        assertThat(problem).contains("exceeds its request of", "105,000.01");
        assertThat(browser.find(By.id("partner-" + c.carrierOrg())).getText()).contains("exceeds its request of");
        assertThat(browser.find(sme).getAttribute("value")).isEqualTo("105000.01");
        assertThat(eventTypes(applicationId)).containsExactly("FundingApplicationSubmittedEvent");
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                "arguments[0].scrollIntoView({block: 'center'});", browser.find(By.id("grant-" + c.carrierOrg() + "-problem")));
        browser.screenshot("refused-by-the-field");

        // corrected: the grant is recorded with the amounts per partner
        browser.type(sme, "100 000,00");
        browser.click(By.cssSelector("form.task-form button[type=submit]"));
        browser.waitFor(d -> browser.path().equals("/tasks"));
        assertThat(browser.find(By.cssSelector(".flash")).getText()).contains("Record the decision");
        browser.screenshot("recorded");

        assertThat(eventTypes(applicationId)).containsExactly("FundingApplicationSubmittedEvent", "FundingGrantedEvent");
        FundingGrantedEvent granted = (FundingGrantedEvent) events(applicationId).get(1).getPayload();
        assertThat(granted.grants()).extracting(GrantedAid::organisationId, GrantedAid::grantedAmount).containsExactly(
                org.assertj.core.groups.Tuple.tuple(c.carrierOrg(), new BigDecimal("100000.00")),
                org.assertj.core.groups.Tuple.tuple(c.largeOrg(), new BigDecimal("50000.00")));
        assertThat(granted.partial()).isTrue();
        assertThat(granted.reasons()).isEqualTo("The lab's part is left to the region.");
        assertThat(events(applicationId).get(1).getMetaData()).containsEntry("actor", funderUser);

        // the funder's ledger and home, in French
        browser.go("/funder/ledger?lang=fr");
        assertThat(browser.mainText()).contains("Grand livre").containsPattern("150.000,00");
        browser.screenshot("ledger-fr");
        browser.go("/funder");
        assertThat(browser.mainText()).contains("Conventions à signer");
        browser.screenshot("home-fr-conventions-to-sign");

        // pole staff's charts: the decision's lead time and the funding granted, drawn by Chart.js, in a table too
        Browser staff = browser("funding-lead-times");
        staff.signIn(STAFF, PASSWORD).go("/funding/lead-times");
        assertThat(staff.mainText()).contains("Fonds interministériel " + suffix, "Decision", project, "€150,000.00");
        staff.waitFor(d -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                "return !!(window.Chart && Chart.getChart('chart-lead-times') && Chart.getChart('chart-projects'));")));
        staff.screenshot("lead-times");
        staff.width(375, 800).go("/funding/lead-times");
        staff.screenshot("lead-times-phone");
    }
}

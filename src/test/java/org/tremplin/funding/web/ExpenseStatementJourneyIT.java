package org.tremplin.funding.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.tremplin.funding.api.ExpenseStatementSubmittedEvent;
import org.tremplin.funding.api.GrantedAid;
import org.tremplin.funding.api.SubmitFundingApplicationCommand;
import org.tremplin.shared.ParisTime;
import org.tremplin.shared.Roles;
import org.tremplin.support.Browser;
import org.tremplin.support.ConsoleJourneySupport;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The carrier's user submits an expense statement on its convention through the console: the project's funding
 * summary links to the statement task of the convention, the task page shows the convention (grant, paid, remaining)
 * beside the period and the amount in euros; the statement is stored with that amount and period.
 */
class ExpenseStatementJourneyIT extends ConsoleJourneySupport {

    private static final ZoneId PARIS = ParisTime.ZONE;

    @Test
    void a_carrier_submits_an_expense_statement_on_its_convention() {
        String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "X");
        String funderUser = newUser("funder", Roles.FUNDER);
        String funder = ensureFunder("FUIS-" + suffix, "Fonds interministériel " + suffix, "STATE_FUI", null, funderUser);
        String call = ensureCall(funder, "FUIS-" + suffix + "-C");
        ApiConsortium c = labelledThroughApi("Photonic lidar for boats " + suffix, "Grand Groupe Naval");
        String project = c.projectId();
        completeOk(STAFF, awaitTask(STAFF, project, "user_choose_target_calls"), Map.of("targetCalls", call));
        completeOk(c.carrierUser(), awaitTask(c.carrierUser(), project, "user_file_application", "callId", call), Map.of("requests",
                c.carrierOrg() + "; 200000; 100000; 100000\n" + c.labOrg() + "; 200000; 100000; 60000"));
        completeOk(funderUser, awaitTask(funderUser, project, "user_record_funding_decision", "callId", call),
                Map.of("granted", true, "grants", c.carrierOrg() + "; 100000", "reasons", "The SME only."));
        String applicationId = SubmitFundingApplicationCommand.applicationId(project, call.substring(5));
        String conventionId = GrantedAid.conventionId(applicationId, c.carrierOrg());
        signConvention(funderUser, project, conventionId, "20");
        completeOk(funderUser, awaitTask(funderUser, project, "user_pay_advance", "conventionId", conventionId), Map.of());
        awaitTask(c.carrierUser(), project, "user_submit_expense_statement", "conventionId", conventionId);

        Browser browser = browser("expense-statement", "fr");
        browser.signIn(c.carrierUser(), PASSWORD);
        // the project's funding, as the carrier reads it, with the statement to submit on its convention
        browser.go("/projects/" + project + "/funding");
        assertThat(browser.find(By.id("funding-heading")).getText()).isEqualTo("Financement");
        assertThat(browser.html()).contains("Fonds interministériel " + suffix, "Avance");
        browser.screenshot("project-funding");
        browser.click(By.linkText("Déposer un état de dépenses"));
        browser.waitFor(d -> browser.path().startsWith("/tasks/"));
        assertThat(browser.path()).startsWith("/tasks/");
        String page = browser.mainText();
        assertThat(page).contains("Convention", "Aide accordée", "Reste à verser").containsPattern("100.000,00")
                .containsPattern("20.000,00").containsPattern("80.000,00");
        LocalDate today = LocalDate.now(PARIS);
        assertThat(browser.find(By.id("periodEnd")).getAttribute("value")).isEqualTo(today.toString());
        browser.screenshot("statement-form");

        // an amount that is not one is refused by its field; then the certified expenses, as a French person types them
        browser.type(By.id("amount"), "quatre-vingt mille");
        browser.click(By.cssSelector("form.task-form button[type=submit]"));
        assertThat(browser.find(By.id("amount-problem")).getText()).isNotBlank();
        assertThat(eventTypes(applicationId)).doesNotContain("ExpenseStatementSubmittedEvent");
        browser.screenshot("statement-refused");
        browser.type(By.id("amount"), "84 000,50");
        browser.click(By.cssSelector("form.task-form button[type=submit]"));
        browser.waitFor(d -> browser.path().equals("/tasks"));
        browser.screenshot("statement-submitted");

        assertThat(eventTypes(applicationId)).endsWith("ExpenseStatementSubmittedEvent");
        ExpenseStatementSubmittedEvent submitted = events(applicationId).stream()
                .filter(e -> e.getPayload() instanceof ExpenseStatementSubmittedEvent)
                .map(e -> (ExpenseStatementSubmittedEvent) e.getPayload()).findFirst().orElseThrow();
        assertThat(submitted.conventionId()).isEqualTo(conventionId);
        assertThat(submitted.amount()).isEqualByComparingTo(new BigDecimal("84000.50"));
        assertThat(submitted.periodEnd()).isEqualTo(today);
        assertThat(submitted.finalStatement()).isFalse();

        // the summary shows the statement submitted
        browser.go("/projects/" + project + "/funding");
        assertThat(browser.html()).contains("déposé").containsPattern("84.000,50");
        browser.screenshot("project-funding-after");
    }
}

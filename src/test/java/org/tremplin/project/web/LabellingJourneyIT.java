package org.tremplin.project.web;

import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.tremplin.project.api.ConclusionsCommunicatedEvent;
import org.tremplin.project.api.PartnerJoinedEvent;
import org.tremplin.project.api.ReviewRecordedEvent;
import org.tremplin.shared.ParisTime;
import org.tremplin.shared.Roles;
import org.tremplin.support.Browser;
import org.tremplin.support.ConsoleJourneySupport;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An idea to its label through the console's pages only, in a real browser: the carrier submits the idea and invites
 * two partners, whose users join and sign the NDA; the carrier submits for labelling; pole staff assign the reviewers;
 * each reviewer reviews the file beside the form; pole staff decide the label and communicate the conclusions, which
 * the carrier then reads. Organisations and users are set up through the API; every step is a click in a page, and
 * the project's events are read back from the event store, in order.
 */
class LabellingJourneyIT extends ConsoleJourneySupport {

    @Test
    void an_idea_goes_to_its_label_through_the_pages_only() {
        String suffix = UUID.randomUUID().toString().substring(0, 4);
        String carrierUser = newUser("carrier", Roles.CARRIER);
        String largeUser = newUser("large", Roles.CARRIER);
        String labUser = newUser("lab", Roles.CARRIER);
        String reviewerA = newUser("reviewer", Roles.REVIEWER);
        String reviewerB = newUser("reviewer", Roles.REVIEWER);
        String carrierOrg = newOrganisation("Photonique SME " + suffix, "SME", carrierUser);
        String largeOrg = newOrganisation("Grand Groupe SA " + suffix, "LARGE_COMPANY", largeUser);
        String labOrg = newOrganisation("Laboratoire Photonique " + suffix, "RESEARCH_LAB", labUser);
        String title = "Quantum lidar for autonomous trains " + suffix;

        Browser browser = browser("labelling");

        // the carrier submits the idea from its home
        browser.signIn(carrierUser, PASSWORD);
        assertThat(browser.path()).isEqualTo("/carrier");
        browser.screenshot("carrier-home");
        browser.click(By.linkText("Submit an idea"));
        browser.type(By.id("title"), title)
                .type(By.id("summary"), "A photonic lidar robust to fog, for driverless regional trains.")
                .type(By.id("thematicAxis"), "Mobility")
                .select(By.id("confidentiality"), "Consortium")
                .type(By.id("plannedBudget"), "250,000.50");
        assertThat(new Select(browser.find(By.id("carrierOrganisationId"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo(carrierOrg);
        browser.screenshot("idea-form");
        submitAndWait(browser, By.cssSelector(".idea-form button.primary"));
        assertThat(browser.path()).startsWith("/projects/PRJ-");
        String projectId = browser.path().substring("/projects/".length());
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo(title);
        browser.screenshot("idea-submitted");

        // ... and invites the large company and the lab
        for (String org : List.of(largeOrg, labOrg)) {
            new Select(browser.find(By.id("invite-organisationId"))).selectByValue(org);
            submitAndWait(browser, By.cssSelector("#invite button.primary"));
            browser.find(By.id("partner-" + org));
        }
        assertThat(browser.find(By.id("partner-" + labOrg)).getText()).contains("Invited");
        browser.screenshot("partners-invited");
        signOut(browser);

        // each partner's user answers the invitation from its home: joins with a role and a budget, signs the NDA
        joinAndSign(browser, largeUser, largeOrg, "System integration", "400,000", "large");
        joinAndSign(browser, labUser, labOrg, "Photonic sources", "300,000.00", "lab");

        // the carrier sees the consortium complete and submits for labelling
        browser.signIn(carrierUser, PASSWORD);
        browser.screenshot("carrier-ready");
        browser.click(By.cssSelector(".todo-submit a"));
        browser.find(By.id("consortiumComplete"));
        assertThat(browser.mainText()).contains("The consortium rule", "Grand Groupe SA " + suffix);
        browser.screenshot("submit-for-labelling");
        browser.click(By.id("consortiumComplete"));
        completeTask(browser);
        browser.screenshot("submitted-for-labelling");
        signOut(browser);

        // pole staff assign two reviewers, from the project's tasks panel
        browser.signIn(STAFF, PASSWORD);
        assertThat(browser.path()).isEqualTo("/staff");
        browser.find(By.cssSelector(".stages"));
        browser.screenshot("staff-home");
        openProjectTask(browser, projectId);
        assertThat(browser.mainText()).contains(title);
        browser.type(By.id("otherReviewers"), reviewerA + ", " + reviewerB);
        setDate(browser, By.id("reviewDeadline"), ParisTime.today().plusDays(14));
        browser.screenshot("assign-reviewers");
        completeTask(browser);
        signOut(browser);

        // each reviewer reviews the file beside the review form
        review(browser, reviewerA, title, "16", "Grant the label", "Clear market, solid team.", "reviewer-a");
        review(browser, reviewerB, title, "14", "Grant the label", "Sound plan; the lab's budget is high.", "reviewer-b");

        // pole staff decide the label with the reviews in view, then communicate the conclusions
        browser.signIn(STAFF, PASSWORD);
        openProjectTask(browser, projectId);
        assertThat(browser.find(By.id("reviews-heading")).isDisplayed()).isTrue();
        assertThat(browser.mainText()).contains("Clear market, solid team.", "16 / 20", "14 / 20");
        browser.click(By.id("granted"));
        browser.type(By.id("reasons"), "Innovative and well balanced consortium.");
        browser.screenshot("decide-label");
        completeTask(browser);
        openProjectTask(browser, projectId);
        assertThat(browser.mainText()).contains("Label granted", "Innovative and well balanced consortium.");
        browser.type(By.id("message"), "Congratulations: apply to the regional calls.");
        browser.screenshot("communicate-conclusions");
        completeTask(browser);
        signOut(browser);

        // the carrier reads the conclusions, from its home to the project page
        browser.signIn(carrierUser, PASSWORD);
        assertThat(browser.mainText()).contains("Label granted", "Read the conclusions");
        browser.screenshot("carrier-conclusions");
        browser.click(By.linkText("Read the conclusions"));
        WebElement conclusions = browser.find(By.id("conclusions"));
        assertThat(conclusions.getText()).contains("Congratulations: apply to the regional calls.", "Expert 1",
                "Clear market, solid team.").doesNotContain(reviewerA);
        browser.screenshot("project-conclusions");
        // the same page at a phone's width: nothing wider than the screen but the tables' own scrolling (the funding and
        // rounds panels are other contexts' pages, checked by their own journeys)
        browser.width(375, 800);
        browser.go("/projects/" + projectId);
        browser.find(By.id("conclusions"));
        browser.find(By.cssSelector(".tasks-panel .empty, .tasks-panel table"));
        Object wider = ((JavascriptExecutor) browser.driver()).executeScript(
                "var w = document.documentElement.clientWidth, out = [];"
                + "document.querySelectorAll('body *').forEach(function (e) {"
                + "  if ((e.parentElement && e.parentElement.closest('.table-wrap')) || e.closest('.funding-panel, .rounds-panel')) { return; }"
                + "  var r = e.getBoundingClientRect();"
                + "  if (r.right > w + 0.5) { out.push(e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(r.right)); }"
                + "});"
                + "return w + ' ' + document.documentElement.scrollWidth + ' ' + out.join(', ');");
        assertThat(String.valueOf(wider)).as("elements wider than the phone (client width, scroll width, offenders)")
                .matches("\\d+ \\d+ ");
        browser.screenshot("project-phone");
        browser.width(1280, 1000).go("/projects/" + projectId + "?lang=fr");
        assertThat(browser.find(By.id("conclusions")).getText()).contains("Conclusions transmises le", "Expert 1");
        assertThat(browser.mainText()).contains("Label accordé", "Porté par")
                .containsPattern("250[\\s\u202f\u00a0]000,50[\\s\u00a0]€");
        browser.screenshot("project-fr");

        // the event store holds every step, in order, each by the person who clicked
        assertThat(eventTypes(projectId)).containsExactly("IdeaSubmittedEvent", "PartnerInvitedEvent",
                "PartnerInvitedEvent", "PartnerJoinedEvent", "NdaSignedEvent", "PartnerJoinedEvent", "NdaSignedEvent",
                "ProjectSubmittedForLabellingEvent", "ReviewersAssignedEvent", "ReviewRecordedEvent",
                "ReviewRecordedEvent", "LabelGrantedEvent", "ConclusionsCommunicatedEvent");
        List<? extends DomainEventMessage<?>> events = events(projectId);
        assertThat(events.get(0).getMetaData().get("actor")).isEqualTo(carrierUser);
        assertThat(events.get(3).getPayload()).isEqualTo(new PartnerJoinedEvent(projectId, largeOrg, "System integration",
                new java.math.BigDecimal("400000.00")));
        assertThat(events.get(3).getMetaData().get("actor")).isEqualTo(largeUser);
        assertThat(((PartnerJoinedEvent) events.get(5).getPayload()).plannedBudget()).isEqualByComparingTo("300000");
        assertThat(((ReviewRecordedEvent) events.get(9).getPayload()).reviewerId()).isIn(reviewerA, reviewerB);
        assertThat(events.get(11).getMetaData().get("actor")).isEqualTo(STAFF);
        assertThat(((ConclusionsCommunicatedEvent) events.get(12).getPayload()).message())
                .isEqualTo("Congratulations: apply to the regional calls.");
    }

    private void joinAndSign(Browser browser, String user, String org, String role, String budget, String shot) {
        browser.signIn(user, PASSWORD);
        assertThat(browser.path()).isEqualTo("/carrier");
        browser.screenshot(shot + "-home");
        browser.click(By.cssSelector(".todo-invitation a"));
        browser.type(By.id("join-" + org + "-role"), role).type(By.id("join-" + org + "-plannedBudget"), budget);
        browser.screenshot(shot + "-join");
        submitAndWait(browser, By.cssSelector("#invitation-" + org + " .join-form button"));
        submitAndWait(browser, By.cssSelector("#nda-" + org + " button"));
        assertThat(browser.find(By.id("partner-" + org)).getText()).contains("Joined", role, "Signed");
        browser.screenshot(shot + "-joined");
        signOut(browser);
    }

    private void review(Browser browser, String reviewer, String title, String score, String recommendation,
                        String conclusions, String shot) {
        browser.signIn(reviewer, PASSWORD);
        assertThat(browser.path()).isEqualTo("/reviews");
        browser.screenshot(shot + "-home");
        browser.click(By.cssSelector("table.review-files a"));
        assertThat(browser.find(By.cssSelector(".review-split .review-file")).getText())
                .contains(title, "A photonic lidar robust to fog");
        browser.type(By.id("score"), score).select(By.id("recommendation"), recommendation)
                .type(By.id("conclusions"), conclusions);
        browser.screenshot(shot + "-review");
        completeTask(browser);
        signOut(browser);
    }

    /** Opens the first open task of the project from the project page's tasks panel (loaded by htmx). */
    private void openProjectTask(Browser browser, String projectId) {
        browser.go("/projects/" + projectId);
        browser.click(By.cssSelector(".tasks-panel a[href^='/tasks/']"));
        browser.find(By.cssSelector("form.task-form"));
    }

    private void completeTask(Browser browser) {
        String before = browser.path();
        submitAndWait(browser, By.cssSelector("form.task-form .actions button.primary"));
        assertThat(browser.path()).as("completed %s: %s", before, browser.mainText()).isEqualTo("/tasks");
    }

    /** Clicks a button that submits a form and waits for the next page to replace this one. */
    private void submitAndWait(Browser browser, By button) {
        WebElement element = browser.find(button);
        element.click();
        browser.waitUntilGone(element);
        browser.find(By.id("main"));
    }

    private void setDate(Browser browser, By by, LocalDate date) {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1];", browser.find(by),
                date.toString());
    }

    private void signOut(Browser browser) {
        browser.click(By.cssSelector("form.logout button"));
        browser.waitFor(ExpectedConditions.urlContains("/login"));
    }
}

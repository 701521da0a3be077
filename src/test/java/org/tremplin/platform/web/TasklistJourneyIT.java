package org.tremplin.platform.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.tremplin.support.Browser;
import org.tremplin.support.ConsoleJourneySupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Camunda's Tasklist as Tremplin ships it: task names say the project, no end-of-life banner, and each task's form is
 * the console's page for it (Tasklist links to it), so nobody types semicolon lines in Tasklist either.
 */
class TasklistJourneyIT extends ConsoleJourneySupport {

    /**
     * Camunda's webapps serve the engine registered under its name in the runtime container; every application context
     * of this test JVM registers its own "default" engine, the latest winning. For the time of the test, this
     * context's engine is the one Tasklist serves.
     */
    private <T> T withOurEngineInTasklist(java.util.function.Supplier<T> work) {
        var container = org.camunda.bpm.container.RuntimeContainerDelegate.INSTANCE.get();
        var registered = container.getProcessEngineService().getProcessEngine(processEngine.getName());
        if (registered == processEngine) {
            return work.get();
        }
        if (registered != null) {
            container.unregisterProcessEngine(registered);
        }
        container.registerProcessEngine(processEngine);
        try {
            return work.get();
        } finally {
            container.unregisterProcessEngine(processEngine);
            if (registered != null) {
                container.registerProcessEngine(registered);
            }
        }
    }

    @Test
    void tasklist_names_the_project_hides_the_banner_and_opens_the_consoles_form() {
        withOurEngineInTasklist(() -> {
            journey();
            return null;
        });
    }

    private void journey() {
        // an administrator exists (else Camunda's webapps show their first-administrator setup page)
        identity.ensureUser("tasklist.admin", "Tasklist", "Admin", PASSWORD, java.util.List.of(org.tremplin.shared.Roles.ADMIN));
        ApiConsortium consortium = consortiumThroughApi("Tasklist names its project", "Grand Groupe Tasklist");
        String taskName = "Build the consortium of Tasklist names its project and submit it for labelling";
        Browser browser = browser("tasklist");

        browser.go("/camunda/app/tasklist/");
        By taskLink = By.xpath("//h4[contains(@class,'task')]/a[contains(normalize-space(.), '" + taskName + "')]");
        By username = By.cssSelector("input[ng-model=username]");
        // Tasklist's AngularJS app may draw its login form again once its scripts have loaded, emptying what was typed
        // before (seen in a CI run): whenever the form shows empty, sign in (again), until the task shows.
        WebElement task = browser.waitFor(driver -> {
            try {
                java.util.List<WebElement> found = driver.findElements(taskLink);
                if (!found.isEmpty() && found.get(0).isDisplayed()) {
                    return found.get(0);
                }
                java.util.List<WebElement> form = driver.findElements(username);
                if (!form.isEmpty() && form.get(0).isDisplayed() && form.get(0).getAttribute("value").isEmpty()) {
                    form.get(0).sendKeys(consortium.carrierUser());
                    driver.findElement(By.cssSelector("input[ng-model=password]")).sendKeys(PASSWORD);
                    driver.findElement(By.cssSelector("button[type=submit]")).click();
                }
                return null;
            } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
                return null;
            }
        });
        assertThat(browser.all(By.cssSelector(".ce-eol-banner")).stream().noneMatch(WebElement::isDisplayed))
                .as("Camunda's end-of-life banner is hidden").isTrue();
        browser.screenshot("tasklist-list");

        task.click();
        WebElement external = browser.find(By.cssSelector("a.external-form"));
        String href = external.getAttribute("href");
        assertThat(href).contains("/console/task?taskId=");
        browser.screenshot("tasklist-task");

        browser.driver().get(href);
        assertThat(browser.path()).isEqualTo("/login");
        browser.type(By.id("username"), consortium.carrierUser()).type(By.id("password"), PASSWORD)
                .click(By.cssSelector("form button[type=submit]"));
        browser.waitFor(ExpectedConditions.urlContains("/tasks/"));
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo(taskName);
        browser.screenshot("console-task-from-tasklist");
    }
}

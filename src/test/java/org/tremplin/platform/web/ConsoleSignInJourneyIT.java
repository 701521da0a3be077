package org.tremplin.platform.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.tremplin.shared.Roles;
import org.tremplin.support.Browser;
import org.tremplin.support.ConsoleJourneySupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Signing in to the console with the API's users, the language switch, and signing out. */
class ConsoleSignInJourneyIT extends ConsoleJourneySupport {

    @Test
    void a_user_signs_in_with_the_same_password_as_the_api_switches_language_and_signs_out() {
        String reviewer = newUser("reviewer", Roles.REVIEWER);
        Browser browser = browser("sign-in");
        browser.go("/tasks");
        assertThat(browser.path()).isEqualTo("/login");
        browser.screenshot("login");

        // a wrong password delays that user's next attempts (Camunda's login throttling): another user tries it
        browser.type(By.id("username"), newUser("mistyped", Roles.REVIEWER)).type(By.id("password"), "wrong").click(By.cssSelector("form button[type=submit]"));
        assertThat(browser.find(By.cssSelector("[role=alert]")).getText()).contains("Wrong user or password");

        browser.signIn(reviewer, PASSWORD).go("/tasks");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("My tasks");
        browser.click(By.linkText("FR"));
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Mes tâches");
        assertThat(browser.find(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
        browser.screenshot("tasks-fr");

        // keyboard first: the first Tab reaches the skip link, which leads to the content
        browser.driver().switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.TAB);
        assertThat(browser.driver().switchTo().activeElement().getAttribute("class")).isEqualTo("skip-link");
        // a phone's width: nothing wider than the screen
        browser.width(375, 800).go("/tasks");
        Object overflow = ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
        assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
        browser.screenshot("tasks-phone");
        browser.width(1280, 1000);

        browser.click(By.cssSelector("form.logout button"));
        // a click returns before the page it leads to has loaded: wait for it (15 s at most, then the test fails)
        browser.waitFor(d -> browser.path().equals("/login"));
        assertThat(browser.path()).isEqualTo("/login");
        browser.go("/tasks");
        assertThat(browser.path()).isEqualTo("/login");
    }
}

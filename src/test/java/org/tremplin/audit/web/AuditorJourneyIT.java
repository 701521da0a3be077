package org.tremplin.audit.web;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.tremplin.audit.seal.EventSealer;
import org.tremplin.shared.ParisTime;
import org.tremplin.shared.Roles;
import org.tremplin.support.Browser;
import org.tremplin.support.ConsoleJourneySupport;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An auditor in a real browser: opens a project's timeline, filters it by event type (htmx), picks an "as of" date,
 * downloads the CSV export (checked against the event store), verifies the seals (checked against the number of stored
 * events), reads the access log; and, in a second journey, starts a read-model replay and watches its progress bar.
 */
class AuditorJourneyIT extends ConsoleJourneySupport {

    private static final ZoneId PARIS = ParisTime.ZONE;

    @Autowired
    private EventSealer sealer;

    private List<WebElement> rows(Browser browser) {
        return browser.all(By.cssSelector("table.timeline tr[data-event-id]"));
    }

    /** Picks a day in a date input as a person types it (month, day, year in an English Chromium). */
    private static void pickDate(Browser browser, String id, LocalDate day) {
        WebElement input = browser.find(By.id(id));
        input.sendKeys(day.format(DateTimeFormatter.ofPattern("MMddyyyy")));
        String value = input.getDomProperty("value");
        assertThat(value).as("the date picker %s after typing %s", id, day).isEqualTo(day.toString());
    }

    private static void clearDate(Browser browser, String id) {
        WebElement input = browser.find(By.id(id));
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = ''", input);
    }

    @Test
    void an_auditor_filters_a_timeline_picks_an_as_of_date_downloads_an_export_and_verifies_the_seals() throws Exception {
        String title = "Journey lidar " + UUID.randomUUID().toString().substring(0, 6);
        ApiConsortium p = labelledThroughApi(title, "Grand Groupe SA");
        List<? extends DomainEventMessage<?>> stored = events(p.projectId());
        assertThat(stored).hasSize(13);
        String auditor = newUser("auditor", Roles.AUDITOR);
        Browser browser = browser("auditor");

        browser.signIn(auditor, PASSWORD);
        assertThat(browser.path()).isEqualTo("/audit");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Audit");
        browser.screenshot("audit-home");

        // the project picked, its timeline: every event in order
        browser.select(By.id("pick-project"), title + " (" + p.projectId() + ")");
        browser.click(By.cssSelector("form.project-picker button[type=submit]"));
        browser.waitFor(d -> browser.path().equals("/audit/projects/" + p.projectId()));
        browser.waitFor(d -> rows(browser).size() == 13);
        assertThat(rows(browser)).extracting(row -> row.getDomAttribute("data-event-id"))
                .containsExactlyElementsOf(stored.stream().map(DomainEventMessage::getIdentifier).toList());
        browser.screenshot("timeline");

        // filtered by event type: htmx swaps the table, the address keeps the filter
        browser.select(By.id("f-type"), "Review recorded");
        browser.click(By.cssSelector("#audit-timeline form button[type=submit]"));
        browser.waitFor(d -> rows(browser).size() == 2);
        assertThat(rows(browser)).extracting(row -> row.getDomAttribute("data-event-id")).containsExactlyElementsOf(stored.stream()
                .filter(e -> e.getPayloadType().getSimpleName().equals("ReviewRecordedEvent"))
                .map(DomainEventMessage::getIdentifier).toList());
        browser.waitFor(d -> d.getCurrentUrl().contains("type=ReviewRecordedEvent"));
        browser.screenshot("timeline-reviews");

        // as of the day before: nothing yet; as of today: everything, the conclusions as the latest step
        browser.click(By.linkText("Clear the filters"));
        browser.waitFor(d -> rows(browser).size() == 13);
        LocalDate today = LocalDate.ofInstant(stored.get(0).getTimestamp(), PARIS);
        pickDate(browser, "f-asOf", today.minusDays(1));
        browser.click(By.cssSelector("#audit-timeline form button[type=submit]"));
        browser.waitFor(d -> browser.mainText().contains("The project did not exist yet on that day."));
        assertThat(rows(browser)).isEmpty();
        browser.screenshot("timeline-as-of-yesterday");
        clearDate(browser, "f-asOf");
        pickDate(browser, "f-asOf", today);
        browser.click(By.cssSelector("#audit-timeline form button[type=submit]"));
        browser.waitFor(d -> rows(browser).size() == 13);
        assertThat(browser.find(By.cssSelector(".as-of-state")).getText()).contains("13 events by the end of that day.");
        String lastSummary = (String) ((List<Map<String, Object>>) get(AUDITOR, "/api/projects/" + p.projectId()
                + "/history?size=500").getBody().get("entries")).get(12).get("summary");
        assertThat(browser.find(By.cssSelector(".as-of-last")).getText()).isEqualTo(lastSummary);
        browser.screenshot("timeline-as-of-today");

        // the CSV export downloaded by the browser, compared with the event store
        Path downloads = Path.of("target", "downloads", "auditor").toAbsolutePath();
        Files.createDirectories(downloads);
        Path file = downloads.resolve(p.projectId() + "-history.csv");
        Files.deleteIfExists(file);
        ((ChromiumDriver) browser.driver()).executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        browser.click(By.cssSelector("a.download-csv"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(d -> Files.exists(file)
                && !Files.exists(downloads.resolve(file.getFileName() + ".crdownload")));
        List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(Files.readString(file, StandardCharsets.UTF_8))).getRecords();
        assertThat(records).extracting(r -> r.get("type")).containsExactlyElementsOf(eventTypes(p.projectId()));
        assertThat(records).extracting(r -> r.get("time"))
                .containsExactlyElementsOf(stored.stream().map(e -> e.getTimestamp().toString()).toList());
        assertThat(records).extracting(r -> r.get("actor"))
                .containsExactlyElementsOf(stored.stream().map(e -> String.valueOf(e.getMetaData().get("actor"))).toList());

        // the seals: verified once sealing caught up, every stored event checked
        browser.go("/audit");
        browser.click(By.cssSelector(".audit-tools a[href='/audit/seals']"));
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Seals");
        browser.screenshot("seals");
        // "Verify the seals" is incremental (it recomputes what no earlier verification proved): verified once
        // sealing caught up; the full verification, in the background, then recomputes every stored event's seal.
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).pollingEvery(Duration.ofMillis(500))
                .ignoring(StaleElementReferenceException.class).until(d -> {
            sealer.sealPending();
            browser.click(By.id("verify"));
            WebElement status = browser.find(By.cssSelector("#verification .seal-status"));
            return "VERIFIED".equals(status.getDomAttribute("data-status"))
                    && "0".equals(browser.find(By.cssSelector("#verification dd.unsealed")).getText());
        });
        assertThat(browser.find(By.cssSelector("#verification .seal-status")).getText()).isEqualTo("Verified");
        assertThat(browser.find(By.cssSelector("#verification dd.unsealed")).getText()).isEqualTo("0");
        browser.click(By.id("start-full"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).pollingEvery(Duration.ofMillis(500))
                .ignoring(StaleElementReferenceException.class).until(d -> {
            browser.go("/audit/seals");
            return "FINISHED".equals(browser.find(By.cssSelector("#full-verification .full-state")).getText());
        });
        assertThat(browser.find(By.cssSelector("#full-verification .seal-status")).getDomAttribute("data-status"))
                .isEqualTo("VERIFIED");
        String[] progress = browser.find(By.cssSelector("#full-verification .full-progress")).getText().split(" / ");
        assertThat(progress[0]).as("every index recomputed").isEqualTo(progress[1]);
        assertThat(Long.parseLong(progress[1].replace(",", "").replace("\u202f", "").replace("\u00a0", "")))
                .as("the chain covers every stored event").isGreaterThanOrEqualTo(storedEventCount());
        browser.screenshot("seals-verified");

        // the sealed timeline, then the access log showing this auditor's reads
        browser.go("/audit/projects/" + p.projectId());
        browser.waitFor(d -> rows(browser).size() == 13);
        assertThat(browser.mainText()).doesNotContain("Not sealed yet");
        browser.go("/audit/access-log?userId=" + auditor);
        assertThat(browser.mainText()).contains("/api/projects/" + p.projectId() + "/history")
                .contains("/api/projects/" + p.projectId() + "/history/export");
        browser.screenshot("access-log");
        browser.go("/audit/exports");
        assertThat(browser.find(By.id("download-360giving")).isDisplayed()).isTrue();
        browser.screenshot("exports");

        // on a phone's width, the timeline still fits
        browser.width(375, 800).go("/audit/projects/" + p.projectId());
        browser.waitFor(d -> rows(browser).size() == 13);
        browser.screenshot("timeline-phone");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_access_log WHERE user_id = ? AND resource = ?", Long.class,
                auditor, "/api/projects/" + p.projectId() + "/history/export")).isEqualTo(1);
    }

    @Test
    void an_auditor_starts_a_replay_and_watches_its_progress_bar_until_it_is_done() throws IOException {
        String auditor = newUser("auditor", Roles.AUDITOR);
        Browser browser = browser("auditor-replay", "fr");
        browser.signIn(auditor, PASSWORD).go("/audit/replay");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Rejeu des modèles de lecture");
        browser.screenshot("replay");
        browser.click(By.id("start-replay"));
        browser.waitFor(d -> d.getCurrentUrl().contains("id="));
        String id = browser.driver().getCurrentUrl().substring(browser.driver().getCurrentUrl().indexOf("id=") + 3);
        assertThat(browser.find(By.id("replay-total")).getTagName()).isEqualTo("progress");
        browser.screenshot("replay-running");
        // htmx swaps the progress fragment every second: an element read while it is being replaced is read again
        new WebDriverWait(browser.driver(), Duration.ofSeconds(120)).pollingEvery(Duration.ofMillis(300))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> !"RUNNING".equals(d.findElement(By.id("replay-progress")).getDomAttribute("data-state")));
        WebElement done = browser.find(By.id("replay-progress"));
        assertThat(done.getDomAttribute("data-state")).isEqualTo("VERIFIED");
        assertThat(done.getDomAttribute("hx-trigger")).isNull();
        assertThat(browser.find(By.id("replay-total")).getDomProperty("value"))
                .isEqualTo(browser.find(By.id("replay-total")).getDomProperty("max"));
        assertThat(done.getText()).contains("Vérifié : chaque modèle est identique");
        browser.screenshot("replay-done");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_access_log WHERE user_id = ? AND query = ?", Long.class,
                auditor, "replay " + id)).isEqualTo(1);
    }
}

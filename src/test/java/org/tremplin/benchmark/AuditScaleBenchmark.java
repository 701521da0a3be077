package org.tremplin.benchmark;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tremplin.project.api.Recommendation;
import org.tremplin.project.api.ReviewRecordedEvent;
import org.tremplin.project.api.ReviewReminderSentEvent;
import org.tremplin.shared.Roles;
import org.tremplin.support.ConsolePageTestSupport;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit side at scale: one project with about 10⁴ events (a real labelled project through the API, then reviews and
 * reminders appended through the event store the way the project aggregate appends them), plus background noise of
 * other projects; prints timeline p50/p99 (first page, a middle page, filtered by type and by period, the auditor's
 * page), "as of" p50/p99 (project and funding), the incremental verify after 100 new events and the full verification
 * rate. Prints figures; asserts nothing about speed. Run with
 * {@code mvn -o test -Dtest=AuditScaleBenchmark -Dbenchmark=true} (H2).
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
@TestPropertySource(properties = {"tremplin.audit.seal.interval=PT0.2S"})
public class AuditScaleBenchmark extends ConsolePageTestSupport {

    private static final int PROJECT_EVENTS = Integer.getInteger("audit.bench.events", 10_000);
    private static final int NOISE_PROJECTS = Integer.getInteger("audit.bench.noise.projects", 20);
    private static final int NOISE_EVENTS = Integer.getInteger("audit.bench.noise.events", 500);
    private static final int ROUNDS = Integer.getInteger("audit.bench.rounds", 60);

    @Autowired
    private PlatformTransactionManager transactionManager;

    @Test
    void prints_timeline_as_of_and_verify_figures() throws Exception {
        ApiConsortium big = labelledThroughApi("Audit scale project", "Scale Groupe");
        List<String> reviewers = jdbc.queryForList("SELECT reviewer_id FROM project_review WHERE project_id = ?",
                String.class, big.projectId());
        Instant beforeBulk = Instant.now();
        long bulkStarted = System.nanoTime();
        append(big.projectId(), reviewers, PROJECT_EVENTS);
        double appendSeconds = (System.nanoTime() - bulkStarted) / 1e9;
        for (int p = 0; p < NOISE_PROJECTS; p++) {
            ApiConsortium noise = consortiumThroughApi("Noise " + p, "Noise Groupe " + p);
            append(noise.projectId(), List.of("nobody"), NOISE_EVENTS);
        }
        long projectEvents = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                Long.class, big.projectId());
        long stored = storedEventCount();
        awaitSealed(Duration.ofMinutes(10));
        Instant afterBulk = Instant.now();
        Instant middle = beforeBulk.plus(Duration.between(beforeBulk, afterBulk).dividedBy(2));

        String id = big.projectId();
        String history = "/api/projects/" + id + "/history";
        List<String> lines = new ArrayList<>();
        lines.add(String.format("project %s: %,d events in its own stream; store: %,d events (bulk append %.1f s)",
                id, projectEvents, stored, appendSeconds));
        lines.add(time("timeline API, first page (50)", () -> get(STAFF, history + "?size=50")));
        lines.add(time("timeline API, middle page (50)", () -> get(STAFF, history + "?size=50&page=" + projectEvents / 100)));
        lines.add(time("timeline API, last page (50)", () -> get(STAFF, history + "?size=50&page=" + (projectEvents - 1) / 50)));
        lines.add(time("timeline API, type=ReviewRecordedEvent", () -> get(STAFF, history + "?size=50&type=ReviewRecordedEvent")));
        lines.add(time("timeline API, period (middle 1 s)", () -> get(STAFF, history + "?size=50&from=" + middle
                + "&to=" + middle.plusSeconds(1))));
        lines.add(time("timeline API, funder filter", () -> get(STAFF, history + "?size=50&funder=FUNDER-NONE")));
        String auditorPage = page("/audit/projects/" + id, AUDITOR, Roles.AUDITOR).andReturn().getResponse()
                .getContentAsString();
        assertThat(auditorPage).contains(id).contains("ReviewRecorded");
        lines.add(timeStatus("timeline page /audit/projects/{id}", () -> page("/audit/projects/" + id, AUDITOR,
                Roles.AUDITOR).andReturn().getResponse().getStatus()));
        lines.add(time("as of (project), middle", () -> get(STAFF, "/api/projects/" + id + "?asOf=" + middle)));
        lines.add(time("as of (project), before the bulk", () -> get(STAFF, "/api/projects/" + id + "?asOf=" + beforeBulk)));
        lines.add(time("as of (funding), middle", () -> get(STAFF, "/api/projects/" + id + "/funding?asOf=" + middle)));

        // verification: a full one, then an incremental after 100 new events
        long fullStarted = System.nanoTime();
        ResponseEntity<Map<String, Object>> full = post(AUDITOR, "/api/audit/verify?mode=full", null);
        double fullSeconds = (System.nanoTime() - fullStarted) / 1e9;
        long through = ((Number) full.getBody().get("sealedThrough")).longValue();
        lines.add(String.format("verify full: %s over %,d indexes in %.2f s: %,.0f indexes/s", full.getBody().get("status"),
                through, fullSeconds, through / fullSeconds));
        for (int round = 0; round < 3; round++) {
            append(id, reviewers, 100);
            awaitSealed(Duration.ofMinutes(1));
            long started = System.nanoTime();
            ResponseEntity<Map<String, Object>> incremental = post(AUDITOR, "/api/audit/verify", null);
            double ms = (System.nanoTime() - started) / 1e6;
            lines.add(String.format("verify (default) after 100 new events: %.0f ms, %s, %s checked, %s", ms,
                    incremental.getBody().get("status"), incremental.getBody().get("eventsChecked"),
                    incremental.getBody().getOrDefault("coverage", "(whole chain)")));
        }

        System.out.printf("%n---- Tremplin audit scale benchmark (%d cores, H2, in-process) ----%n%s%n"
                        + "-------------------------------------------------------------------%n%n",
                Runtime.getRuntime().availableProcessors(), String.join("\n", lines));
    }

    /** Reviews and reminders appended to the project's stream as its aggregate appends them, 500 per transaction. */
    private void append(String projectId, List<String> reviewers, int count) {
        List<? extends DomainEventMessage<?>> existing = events(projectId);
        DomainEventMessage<?> last = existing.get(existing.size() - 1);
        MetaData metaData = last.getMetaData();
        long sequence = last.getSequenceNumber();
        Instant at = Instant.now();
        TransactionTemplate tx = new TransactionTemplate(transactionManager);
        int done = 0;
        while (done < count) {
            int batch = Math.min(500, count - done);
            List<DomainEventMessage<?>> events = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                long seq = ++sequence;
                String reviewer = reviewers.get((int) (seq % reviewers.size()));
                Object payload = seq % 3 == 0
                        ? new ReviewRecordedEvent(projectId, reviewer, (int) (seq % 21), Recommendation.GRANT, "Review " + seq)
                        : new ReviewReminderSentEvent(projectId, reviewer, LocalDate.of(2027, 1, 1));
                events.add(new GenericDomainEventMessage<>(last.getType(), projectId, seq, payload, metaData,
                        UUID.randomUUID().toString(), at.plusNanos(100_000L * (done + i))));
            }
            tx.executeWithoutResult(status -> eventStore.publish(events));
            done += batch;
        }
    }

    private void awaitSealed(Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() ->
                jdbc.queryForObject("SELECT COALESCE(MAX(global_index), 0) FROM event_seal", Long.class)
                        >= jdbc.queryForObject("SELECT COALESCE(MAX(globalIndex), 0) FROM DomainEventEntry", Long.class));
    }

    /** The first call (cold: e.g. an "as of" at an instant not asked before) timed apart, then the others. */
    private String time(String what, Supplier<ResponseEntity<?>> call) throws Exception {
        long started = System.nanoTime();
        ResponseEntity<?> first = call.get();
        double firstMs = (System.nanoTime() - started) / 1e6;
        assertThat(first.getStatusCode().value()).as("%s: %s", what, first.getBody()).isEqualTo(200);
        return timeStatus(what, () -> call.get().getStatusCode().value()) + String.format("  first %7.1f ms", firstMs);
    }

    private String timeStatus(String what, Callable<Integer> call) throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(call.call()).as(what).isEqualTo(200);
        }
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            long started = System.nanoTime();
            call.call();
            nanos.add(System.nanoTime() - started);
        }
        Collections.sort(nanos);
        return String.format("%-42s p50 %7.1f ms  p90 %7.1f ms  p99 %7.1f ms  max %7.1f ms", what, ms(nanos, 0.5),
                ms(nanos, 0.9), ms(nanos, 0.99), nanos.get(nanos.size() - 1) / 1e6);
    }

    private static double ms(List<Long> sorted, double quantile) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(quantile * sorted.size()))) / 1e6;
    }
}

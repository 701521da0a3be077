package org.tremplin.benchmark;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.tremplin.benchmark.scale.ScaleGenerator;
import org.tremplin.benchmark.scale.ScaleShape;
import org.tremplin.funding.command.FundingRules;
import org.tremplin.shared.Roles;
import org.tremplin.support.ConsolePageTestSupport;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit views on a store written by the scale generator: its long project ({@code PRJ-SC-0000000}, about 10⁴ events
 * over its own stream, ten applications with their conventions and statements, six state-aid ledgers and a round)
 * beside ordinary projects. Prints p50/p90/p99 of the long project's timeline (first, middle and last page, type and
 * period filters, the auditor's page), of a typical project's first page, and of the "as of" views (project, funding)
 * now and in the middle of the long project's life. Prints figures; asserts nothing about speed.
 * <pre>
 * mvn -o test -Dtest=ViewsScaleBenchmark -Dbenchmark=true [-Dviews.bench.projects=60] [-Dviews.bench.rounds=60]
 *     [-Dbenchmark.jfr=target/views.jfr]
 * </pre>
 * The store is an H2 file under {@code target/views-bench/} kept between runs (the generator resumes: a second run
 * writes nothing), so that runs before and after a change read the very same events.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:retry:file:./target/views-bench/store;QUERY_CACHE_SIZE=256",
        "tremplin.audit.seal.enabled=false"})
public class ViewsScaleBenchmark extends ConsolePageTestSupport {

    private static final int PROJECTS = Integer.getInteger("views.bench.projects", 60);
    private static final int ROUNDS = Integer.getInteger("views.bench.rounds", 60);

    @Autowired
    private CommandGateway commandGateway;
    @Autowired
    private PlatformTransactionManager transactionManager;
    @Autowired
    private FundingRules fundingRules;
    @Autowired
    private EventProcessingConfiguration processing;

    @Test
    void prints_timeline_and_as_of_figures_of_the_long_project() throws Exception {
        ScaleGenerator generator = new ScaleGenerator(commandGateway, transactionManager, jdbc, fundingRules, processing);
        generator.generate(new ScaleShape(PROJECTS, 3, 20, 7L, 10_000, 2, false), System.out);
        await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofSeconds(1)).until(() ->
                processing.eventProcessors().values().stream().filter(StreamingEventProcessor.class::isInstance)
                        .map(StreamingEventProcessor.class::cast)
                        .allMatch(p -> p.processingStatus().values().stream().allMatch(s -> s.isCaughtUp())));

        String id = ScaleGenerator.projectId(0);
        String typical = ScaleGenerator.projectId(PROJECTS / 2);
        long stored = storedEventCount();
        long ownStream = count("aggregateIdentifier = ?", id);
        List<String> times = jdbc.queryForList("SELECT timeStamp FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                + " OR aggregateIdentifier LIKE ? OR aggregateIdentifier LIKE ? ORDER BY timeStamp", String.class, id,
                "APP-" + id + "-%", "AID-" + id + "-%");
        Instant middle = Instant.parse(times.get(times.size() / 2));
        Instant now = Instant.now();

        String history = "/api/projects/" + id + "/history";
        ResponseEntity<java.util.Map<String, Object>> whole = get(STAFF, history + "?size=1");
        long total = ((Number) whole.getBody().get("total")).longValue();
        List<String> lines = new ArrayList<>();
        lines.add(String.format("store: %,d events; long project %s: %,d events in its timeline (%,d in its own stream)",
                stored, id, total, ownStream));

        String jfr = System.getProperty("benchmark.jfr");
        Recording recording = null;
        if (jfr != null) {
            recording = new Recording(Configuration.getConfiguration("profile"));
            recording.start();
        }
        try {
            lines.add(time("timeline, first page (50)", () -> get(STAFF, history + "?size=50")));
            lines.add(time("timeline, middle page (50)", () -> get(STAFF, history + "?size=50&page=" + total / 100)));
            lines.add(time("timeline, last page (50)", () -> get(STAFF, history + "?size=50&page=" + (total - 1) / 50)));
            lines.add(time("timeline, type=ExpenseStatementApprovedEvent", () -> get(STAFF, history
                    + "?size=50&type=ExpenseStatementApprovedEvent")));
            lines.add(time("timeline, period (from the middle)", () -> get(STAFF, history + "?size=50&from=" + middle)));
            String auditorPage = page("/audit/projects/" + id, AUDITOR, Roles.AUDITOR).andReturn().getResponse()
                    .getContentAsString();
            assertThat(auditorPage).contains(id);
            lines.add(timeStatus("auditor's page /audit/projects/{id}", () -> page("/audit/projects/" + id, AUDITOR,
                    Roles.AUDITOR).andReturn().getResponse().getStatus()));
            lines.add(time("typical project " + typical + ", first page", () -> get(STAFF, "/api/projects/" + typical
                    + "/history?size=50")));
            lines.add(time("as of (project), now", () -> get(STAFF, "/api/projects/" + id + "?asOf=" + now)));
            lines.add(time("as of (project), middle", () -> get(STAFF, "/api/projects/" + id + "?asOf=" + middle)));
            lines.add(time("as of (funding), now", () -> get(STAFF, "/api/projects/" + id + "/funding?asOf=" + now)));
            lines.add(time("as of (funding), middle", () -> get(STAFF, "/api/projects/" + id + "/funding?asOf=" + middle)));
            lines.add(time("as of (typical project), now", () -> get(STAFF, "/api/projects/" + typical + "?asOf=" + now)));
            lines.add(time("as of (typical funding), now", () -> get(STAFF, "/api/projects/" + typical
                    + "/funding?asOf=" + now)));
            // the first call at each new instant (never asked before), checkpoints off and on, alternated: each phase
            // starts with no kept state, asks "now" once (the full replay every view needs once), then new instants
            Instant first = Instant.parse(times.get(0));
            Instant last = Instant.parse(times.get(times.size() - 1));
            for (int phase = 0; phase < 4; phase++) {
                boolean checkpoints = phase % 2 == 1;
                for (String view : List.of("", "/funding")) {
                    lines.add(newInstants(id, view, checkpoints, first, last, phase));
                }
            }
        } finally {
            if (recording != null) {
                recording.dump(Path.of(jfr));
                recording.close();
            }
        }
        System.out.printf("%n---- Tremplin views at scale (%d cores, H2 file, in-process) ----%n%s%n"
                        + "-------------------------------------------------------------------%n%n",
                Runtime.getRuntime().availableProcessors(), String.join("\n", lines));
    }

    @Autowired
    private org.tremplin.platform.query.ScratchDatabases scratchDatabases;

    /**
     * The first call at each of {@code views.bench.instants} (10) new instants between the long project's first and
     * last event, after one call "now": with the scratch databases' checkpoints (every 250 steps) or without (every
     * earlier instant then folds every step). Every kept state is dropped first.
     */
    private String newInstants(String id, String view, boolean checkpoints, Instant first, Instant last, int phase) {
        org.springframework.test.util.ReflectionTestUtils.invokeMethod(scratchDatabases, "close");
        org.springframework.test.util.ReflectionTestUtils.setField(scratchDatabases, "checkpointEvery",
                checkpoints ? 250 : Integer.MAX_VALUE);
        String path = "/api/projects/" + id + view + "?asOf=";
        assertThat(get(STAFF, path + Instant.now()).getStatusCode().value()).isEqualTo(200);
        int instants = Integer.getInteger("views.bench.instants", 10);
        long span = Duration.between(first, last).toMillis();
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < instants; i++) {
            // distinct in every phase: never an instant asked before
            Instant at = first.plusMillis(span * (4L * i + phase + 1) / (4L * instants + 1));
            long started = System.nanoTime();
            ResponseEntity<?> answer = get(STAFF, path + at);
            nanos.add(System.nanoTime() - started);
            assertThat(answer.getStatusCode().value()).isEqualTo(200);
        }
        Collections.sort(nanos);
        return String.format("%-46s n=%3d p50 %7.1f  p90 %7.1f  p99 %7.1f  max %7.1f ms",
                "as of (" + (view.isEmpty() ? "project" : "funding") + "), new instants, checkpoints "
                        + (checkpoints ? "on" : "off"), instants, ms(nanos, 0.5), ms(nanos, 0.9), ms(nanos, 0.99),
                nanos.get(nanos.size() - 1) / 1e6);
    }

    private long count(String condition, Object... arguments) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE " + condition, Long.class, arguments);
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
        int rounds = what.startsWith("as of (funding)") ? Math.max(5, ROUNDS / 6) : ROUNDS;
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            long started = System.nanoTime();
            call.call();
            nanos.add(System.nanoTime() - started);
        }
        Collections.sort(nanos);
        return String.format("%-46s n=%3d p50 %7.1f  p90 %7.1f  p99 %7.1f  max %7.1f ms", what, rounds, ms(nanos, 0.5),
                ms(nanos, 0.9), ms(nanos, 0.99), nanos.get(nanos.size() - 1) / 1e6);
    }

    private static double ms(List<Long> sorted, double quantile) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(quantile * sorted.size()))) / 1e6;
    }
}

package org.tremplin.benchmark;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tremplin.audit.replay.ReadModelReplay;
import org.tremplin.audit.replay.ReplayReport;
import org.tremplin.funding.api.GrantedAid;
import org.tremplin.funding.api.SubmitFundingApplicationCommand;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prints figures; asserts nothing about speed (it does check that every replay ends VERIFIED). Builds a store of at
 * least {@code -Dreplay.events} events (default 20,000): {@code -Dreplay.funded} projects (default 3) labelled and
 * carried through two funders to their last balance via the REST API, {@code -Dreplay.labelled} more (default 5)
 * labelled only, then their events copied under new project ids (a copy's aggregate ids and payloads name the copy)
 * until the store is big enough. Then {@code -Dreplay.rounds} rounds (default 3), alternating the replay as it is
 * (every model from one read of the store) and one model after the other, and prints distinct events/s (events in
 * the store ÷ wall time of the whole replay) with their spread, and per model.
 *
 * <p>Run with {@code mvn -o test -Dtest=ReplayBenchmark -Dbenchmark=true} (H2) or {@code -Dtest=PostgresReplayBenchmark}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
public class ReplayBenchmark extends ApiTestSupport {

    @Autowired
    private ReadModelReplay replay;
    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private PlatformTransactionManager transactions;

    @Test
    void prints_replay_throughput() throws Exception {
        int minimumEvents = Integer.getInteger("replay.events", 20_000);
        int rounds = Integer.getInteger("replay.rounds", 3);
        long built = System.nanoTime();
        List<String> seeds = seed(Integer.getInteger("replay.funded", 3), Integer.getInteger("replay.labelled", 5));
        long seeded = storedEventCount();
        int copies = copyUntil(seeds, minimumEvents);
        awaitProcessorsAtHead();
        long events = storedEventCount();
        System.out.printf(Locale.ROOT, "%n---- Replay benchmark (%s, %d cores): %d events in the store (%d from %d projects "
                        + "through the API, then %d copies of them), built in %.0f s ----%n",
                database(), Runtime.getRuntime().availableProcessors(), events, seeded, seeds.size(), copies,
                (System.nanoTime() - built) / 1e9);

        Map<String, List<Double>> rates = new LinkedHashMap<>();
        Map<String, List<Double>> perModel = new LinkedHashMap<>();
        replay.runAndWait("benchmark-warm-up");
        for (int round = 0; round < rounds; round++) {
            for (boolean together : new boolean[]{true, false}) {
                String mode = together ? "all models from one read" : "one model after the other";
                long cpuBefore = processCpuNanos();
                ReplayReport report = replay.runAndWait("benchmark", together);
                double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
                assertThat(report.state()).as("%s", report).isEqualTo(ReplayReport.State.VERIFIED);
                double seconds = Duration.between(report.startedAt(), report.finishedAt()).toMillis() / 1000.0;
                rates.computeIfAbsent(mode, k -> new ArrayList<>()).add(events / seconds);
                rates.computeIfAbsent(mode + " (per CPU-second)", k -> new ArrayList<>()).add(events / cpuSeconds);
                System.out.printf(Locale.ROOT, "round %d, %-26s: %6.2f s, %8.0f distinct events/s; %6.2f CPU-s (whole JVM), "
                                + "%8.0f events per CPU-second; load average %.1f%n", round + 1, mode, seconds, events / seconds,
                        cpuSeconds, events / cpuSeconds, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                for (ReplayReport.ProcessorReport processor : report.processors()) {
                    if (processor.progress().eventsPerSecond() != null) {
                        perModel.computeIfAbsent(mode + " | " + processor.name(), k -> new ArrayList<>())
                                .add(processor.progress().eventsPerSecond());
                    }
                }
            }
        }
        StringBuilder out = new StringBuilder("\n---- Replay of " + events + " events on " + database() + " ----\n");
        rates.forEach((mode, values) -> out.append(String.format(Locale.ROOT, "%-45s distinct events/s: %s%n", mode, spread(values))));
        out.append("per model (positions/s from its reset to its head):\n");
        perModel.forEach((model, values) -> out.append(String.format(Locale.ROOT, "  %-48s %s%n", model, spread(values))));
        System.out.println(out);
    }

    /** The JVM's CPU time: on a shared machine, wall time depends on the others' load, CPU time much less. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private String database() throws Exception {
        try (var connection = jdbc.getDataSource().getConnection()) {
            return connection.getMetaData().getDatabaseProductName();
        }
    }

    private static String spread(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "median %8.0f  min %8.0f  max %8.0f  (n=%d)", sorted.get(sorted.size() / 2),
                sorted.get(0), sorted.get(sorted.size() - 1), sorted.size());
    }

    // ------------------------------------------------------------------------------------------------ the store

    private List<String> seed(int funded, int labelled) {
        List<String> projects = new ArrayList<>();
        String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "X");
        String fuiUser = newUser("fui", Roles.FUNDER);
        String poolUser = newUser("pool", Roles.FUNDER);
        String fui = ensureFunder("FUI-R" + suffix, "FUI", "STATE_FUI", null, fuiUser);
        String pool = ensureFunder("POOL-R" + suffix, "Pooled fund", "POOLED_FUND", List.of(
                Map.of("contributor", fui, "sharePercent", 50), Map.of("contributor", "Isère", "sharePercent", 30),
                Map.of("contributor", "Grenoble", "sharePercent", 20)), poolUser);
        String fuiCall = ensureCall(fui, "FUI-R" + suffix + "-C");
        String poolCall = ensureCall(pool, "POOL-R" + suffix + "-C");
        for (int i = 0; i < funded; i++) {
            projects.add(fund(i, fuiUser, poolUser, fuiCall, poolCall));
        }
        for (int i = 0; i < labelled; i++) {
            projects.add(labelledThroughApi("Replay benchmark labelled " + i, "Replay Large L" + i).projectId());
        }
        return projects;
    }

    private String fund(int i, String fuiUser, String poolUser, String fuiCall, String poolCall) {
        ApiConsortium c = labelledThroughApi("Replay benchmark project " + i, "Replay Large " + i);
        String project = c.projectId();
        String requests = c.carrierOrg() + "; 200000; 100000; 90000\n" + c.largeOrg() + "; 300000; 100000; 50000\n"
                + c.labOrg() + "; 200000; 100000; 60000";
        ok(STAFF, awaitTask(STAFF, project, "user_choose_target_calls"), Map.of("targetCalls", fuiCall + ", " + poolCall));
        for (String call : List.of(fuiCall, poolCall)) {
            ok(c.carrierUser(), awaitTask(c.carrierUser(), project, "user_file_application", "callId", call), Map.of("requests", requests));
        }
        ok(fuiUser, awaitTask(fuiUser, project, "user_record_funding_decision", "callId", fuiCall),
                Map.of("granted", true, "grants", c.carrierOrg() + "; 90000", "reasons", "Partial."));
        ok(poolUser, awaitTask(poolUser, project, "user_record_funding_decision", "callId", poolCall),
                Map.of("granted", true, "grants", c.labOrg() + "; 33333.33", "reasons", "Partial."));
        String fuiApp = SubmitFundingApplicationCommand.applicationId(project, fuiCall.substring(5));
        String poolApp = SubmitFundingApplicationCommand.applicationId(project, poolCall.substring(5));
        for (String[] convention : List.of(new String[]{fuiUser, GrantedAid.conventionId(fuiApp, c.carrierOrg())},
                new String[]{poolUser, GrantedAid.conventionId(poolApp, c.labOrg())})) {
            String funderUser = convention[0];
            String id = convention[1];
            String partnerUser = id.endsWith(c.carrierOrg()) ? c.carrierUser() : c.labUser();
            LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
            ok(funderUser, awaitTask(funderUser, project, "user_sign_convention", "conventionId", id),
                    Map.of("signedOn", today.toString(), "endDate", today.plusYears(2).toString(), "advancePercent", "20",
                            "interimCapPercent", "80"));
            ok(funderUser, awaitTask(funderUser, project, "user_pay_advance", "conventionId", id), Map.of());
            ok(partnerUser, awaitTask(partnerUser, project, "user_submit_expense_statement", "conventionId", id),
                    Map.of("periodEnd", today.toString(), "amount", "100000", "finalStatement", false));
            ok(funderUser, awaitTask(funderUser, project, "user_review_expense_statement", "conventionId", id), Map.of("approved", true));
            ok(partnerUser, awaitTask(partnerUser, project, "user_submit_expense_statement", "conventionId", id),
                    Map.of("periodEnd", today.toString(), "amount", "200000", "finalStatement", true));
            ok(funderUser, awaitTask(funderUser, project, "user_review_expense_statement", "conventionId", id), Map.of("approved", true));
            ok(funderUser, awaitTask(funderUser, project, "user_accept_final_report", "conventionId", id), Map.of());
            ok(funderUser, awaitTask(funderUser, project, "user_pay_balance", "conventionId", id), Map.of());
        }
        awaitProject(STAFF, project, p -> "CLOSED".equals(p.get("status")));
        return project;
    }

    private void ok(String user, Map<String, Object> task, Map<String, Object> values) {
        ResponseEntity<Map<String, Object>> completed = complete(user, task, values);
        assertThat(completed.getStatusCode().value()).as("%s", completed.getBody()).isEqualTo(204);
    }

    private record Row(String aggregateIdentifier, long sequenceNumber, String type, byte[] metaData, byte[] payload,
                       String payloadRevision, String payloadType, String timeStamp) {
    }

    /**
     * Copies every event of the seed projects' aggregates (the project, its applications and conventions: their ids
     * contain the project's) under new project ids, one transaction per copy, until the store holds enough events.
     */
    private int copyUntil(List<String> projects, int minimumEvents) {
        Map<String, List<Row>> byProject = new LinkedHashMap<>();
        for (String project : projects) {
            byProject.put(project, jdbc.query("""
                            SELECT aggregateIdentifier, sequenceNumber, type, metaData, payload, payloadRevision, payloadType,
                              timeStamp FROM DomainEventEntry WHERE aggregateIdentifier LIKE ? ORDER BY globalIndex""",
                    (rs, n) -> new Row(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getBytes(4), rs.getBytes(5),
                            rs.getString(6), rs.getString(7), rs.getString(8)), "%" + project + "%"));
        }
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        int copies = 0;
        while (storedEventCount() < minimumEvents) {
            int copy = ++copies;
            transaction.executeWithoutResult(status -> byProject.forEach((project, rows) -> {
                String copyId = project + "x" + copy;
                jdbc.batchUpdate("""
                                INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier, metaData,
                                  payload, payloadRevision, payloadType, timeStamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                        rows.stream().map(r -> new Object[]{r.aggregateIdentifier().replace(project, copyId), r.sequenceNumber(),
                                r.type(), UUID.randomUUID().toString(), replace(r.metaData(), project, copyId),
                                replace(r.payload(), project, copyId), r.payloadRevision(), r.payloadType(), r.timeStamp()})
                                .toList());
            }));
        }
        return copies;
    }

    private static byte[] replace(byte[] bytes, String from, String to) {
        return bytes == null ? null
                : new String(bytes, StandardCharsets.UTF_8).replace(from, to).getBytes(StandardCharsets.UTF_8);
    }

    /** The live processors handle the copies before the first replay (its BEFORE checksums wait only 10 s). */
    private void awaitProcessorsAtHead() throws InterruptedException {
        long head = jdbc.queryForObject("SELECT MAX(globalIndex) FROM DomainEventEntry", Long.class);
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            boolean all = processing.eventProcessors().values().stream()
                    .filter(TrackingEventProcessor.class::isInstance).map(TrackingEventProcessor.class::cast)
                    .allMatch(p -> !p.processingStatus().isEmpty() && p.processingStatus().values().stream()
                            .allMatch(s -> s.getCurrentPosition().orElse(-1) >= head));
            if (all) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("The processors did not reach position " + head + ": "
                + processing.eventProcessors().values().stream().filter(TrackingEventProcessor.class::isInstance)
                .map(p -> p.getName() + " " + ((TrackingEventProcessor) p).processingStatus().values().stream()
                        .map(EventTrackerStatus::getCurrentPosition).toList()).toList());
    }
}

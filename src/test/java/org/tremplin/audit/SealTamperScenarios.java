package org.tremplin.audit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tamper evidence of the event store, through the API and direct database edits. Each test makes its own
 * events, tampers only with them, expects the first problem at the tampered index, then restores the rows
 * and expects the chain to verify again (so the tests do not depend on each other's order). The tamper cases use the
 * full verification (mode=full: trusts nothing); the incremental one is tested for what it covers and what it trusts.
 */
@TestPropertySource(properties = {
        "tremplin.audit.seal.interval=PT0.1S",
        "tremplin.audit.seal.gap-timeout=PT1.5S",
        "tremplin.audit.seal.checkpoint-every=5",
        "tremplin.audit.seal.verification-key=kept-outside-the-database"})
abstract class SealTamperScenarios extends ApiTestSupport {

    @Autowired
    private PlatformTransactionManager transactionManager;

    record Row(long globalIndex, String eventIdentifier, String aggregateIdentifier, long sequenceNumber, String type,
               String payloadType, String payloadRevision, String timeStamp, byte[] payload, byte[] metaData) {
    }

    @Test
    void an_untouched_store_verifies_and_only_auditors_and_staff_may_ask() {
        List<Row> rows = freshSealedEvents();

        Map<String, Object> result = verify(AUDITOR, null);
        assertThat(result.get("verified")).as("%s", result).isEqualTo(true);
        assertThat(((Number) result.get("eventsChecked")).longValue()).isGreaterThanOrEqualTo(rows.size());
        assertThat(((Number) result.get("sealedThrough")).longValue()).isGreaterThanOrEqualTo(rows.get(1).globalIndex());
        assertThat(result.get("firstProblem")).isNull();
        assertThat(verify(STAFF, null).get("verified")).isEqualTo(true);

        String carrier = newUser("carrier", Roles.CARRIER);
        ResponseEntity<Map<String, Object>> refused = post(carrier, "/api/audit/verify", null);
        assertThat(refused.getStatusCode().value()).isEqualTo(403);
        assertThat(refused.getHeaders().getContentType().toString()).contains("problem+json");
        assertThat(get(carrier, "/api/audit/checkpoints").getStatusCode().value()).isEqualTo(403);
        ResponseEntity<Map<String, Object>> bad = post(AUDITOR, "/api/audit/verify", Map.of("globalIndex", 1, "seal", "nope"));
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getBody().get("detail").toString()).contains("64 hexadecimal");
    }

    @Test
    void an_altered_payload_or_metadata_is_named_at_its_index() {
        Row row = freshSealedEvents().get(0);
        byte[] forged = row.payload().clone();
        forged[forged.length / 2] ^= 0x01;
        jdbc.update("UPDATE DomainEventEntry SET payload = ? WHERE globalIndex = ?", forged, row.globalIndex());
        try {
            assertProblem(verify(AUDITOR, null), "ALTERED", row);
        } finally {
            jdbc.update("UPDATE DomainEventEntry SET payload = ? WHERE globalIndex = ?", row.payload(), row.globalIndex());
        }
        assertThat(verify(AUDITOR, null).get("verified")).isEqualTo(true);

        jdbc.update("UPDATE DomainEventEntry SET metaData = ? WHERE globalIndex = ?",
                "{\"actor\":\"someone.else\"}".getBytes(), row.globalIndex());
        try {
            assertProblem(verify(AUDITOR, null), "ALTERED", row);
        } finally {
            jdbc.update("UPDATE DomainEventEntry SET metaData = ? WHERE globalIndex = ?", row.metaData(), row.globalIndex());
        }
        assertThat(verify(AUDITOR, null).get("verified")).isEqualTo(true);
    }

    @Test
    void a_deleted_event_is_named_with_its_sealed_identity() {
        Row row = freshSealedEvents().get(0);
        jdbc.update("DELETE FROM DomainEventEntry WHERE globalIndex = ?", row.globalIndex());
        try {
            assertProblem(verify(AUDITOR, null), "DELETED", row);
        } finally {
            insert(row);
        }
        assertThat(verify(AUDITOR, null).get("verified")).isEqualTo(true);
    }

    @Test
    void a_forged_event_in_a_recorded_gap_is_named_inserted() {
        long gap = rolledBackInsert();
        List<Row> rows = freshSealedEvents();
        assertThat(rows.get(0).globalIndex()).isGreaterThan(gap);
        Map<String, Object> gapEntry = jdbc.queryForMap("SELECT * FROM event_seal WHERE global_index = ?", gap);
        assertThat(gapEntry.get("event_identifier")).as("gap recorded in the chain").isNull();
        assertThat(verify(AUDITOR, null).get("verified")).isEqualTo(true);

        Row original = rows.get(0);
        // written after its index was sealed as a gap: a forgery (an event written before that is a LATE_ARRIVAL)
        Row forged = new Row(gap, "forged-" + UUID.randomUUID(), original.aggregateIdentifier(), 999,
                original.type(), original.payloadType(), original.payloadRevision(), java.time.Instant.now().toString(),
                original.payload(), original.metaData());
        insert(forged);
        try {
            assertProblem(verify(AUDITOR, null), "INSERTED", forged);
        } finally {
            jdbc.update("DELETE FROM DomainEventEntry WHERE globalIndex = ?", gap);
        }
        assertThat(verify(AUDITOR, null).get("verified")).isEqualTo(true);
    }

    @Test
    void swapped_positions_are_named_reordered() {
        List<Row> rows = freshSealedEvents();
        Row first = rows.get(0);
        Row second = rows.get(1);
        swapGlobalIndexes(first.globalIndex(), second.globalIndex());
        try {
            Map<String, Object> problem = assertProblem(verify(AUDITOR, null), "REORDERED", first.globalIndex());
            assertThat(problem.get("eventIdentifier")).isEqualTo(second.eventIdentifier());
        } finally {
            swapGlobalIndexes(first.globalIndex(), second.globalIndex());
        }
        assertThat(verify(AUDITOR, null).get("verified")).isEqualTo(true);
    }

    @Test
    void swapped_sequence_numbers_are_named_reordered() {
        List<Row> rows = freshSealedEvents();
        Row first = rows.get(0);
        Row second = rows.get(1);
        swapSequenceNumbers(first, second);
        try {
            assertProblem(verify(AUDITOR, null), "REORDERED", first.globalIndex());
        } finally {
            swapSequenceNumbers(first, second);
        }
        assertThat(verify(AUDITOR, null).get("verified")).isEqualTo(true);
    }

    @Test
    void a_checkpoint_kept_outside_exposes_a_rewritten_chain() {
        List<Row> rows = freshSealedEvents();
        ResponseEntity<Map<String, Object>> created = post(STAFF, "/api/audit/checkpoints", null);
        assertThat(created.getStatusCode().value()).as("%s", created.getBody()).isEqualTo(201);
        Map<String, Object> kept = Map.of("globalIndex", created.getBody().get("globalIndex"),
                "seal", created.getBody().get("seal"));
        long keptIndex = ((Number) kept.get("globalIndex")).longValue();
        assertThat(keptIndex).isGreaterThanOrEqualTo(rows.get(1).globalIndex());
        List<Map<String, Object>> listed = getList(AUDITOR, "/api/audit/checkpoints").getBody();
        assertThat(listed).anySatisfy(c -> assertThat(c.get("seal")).isEqualTo(kept.get("seal")));
        assertThat(listed).as("automatic checkpoints every 5 indexes")
                .anySatisfy(c -> assertThat(((Number) c.get("globalIndex")).longValue() % 5).isZero());
        assertThat(verify(AUDITOR, kept).get("verified")).isEqualTo(true);

        Row row = rows.get(0);
        byte[] forged = row.payload().clone();
        forged[forged.length / 2] ^= 0x01;
        jdbc.update("UPDATE DomainEventEntry SET payload = ? WHERE globalIndex = ?", forged, row.globalIndex());
        try {
            // altered only: the event itself is named first
            assertProblem(verify(AUDITOR, kept), "ALTERED", row);

            // altered and the chain rewritten from there (the sealer re-seals the forged rows): the chain
            // agrees with itself, only the checkpoint kept outside shows it
            rewriteChainFrom(row.globalIndex());
            assertThat(verify(AUDITOR, null).get("verified")).isEqualTo(true);
            assertProblem(verify(AUDITOR, kept), "CHECKPOINT_MISMATCH", keptIndex);
        } finally {
            jdbc.update("UPDATE DomainEventEntry SET payload = ? WHERE globalIndex = ?", row.payload(), row.globalIndex());
            rewriteChainFrom(row.globalIndex());
        }
        assertThat(verify(AUDITOR, kept).get("verified")).isEqualTo(true);

        // truncation: an external checkpoint beyond the chain's end
        Map<String, Object> beyond = Map.of("globalIndex", keptIndex + 1_000_000, "seal", kept.get("seal"));
        assertProblem(verify(AUDITOR, beyond), "CHECKPOINT_MISMATCH", keptIndex + 1_000_000);
    }

    // ------------------------------------------------------------------ incremental verification

    @Test
    void incremental_verification_recomputes_only_what_is_new_says_so_and_catches_tampering_there() {
        freshSealedEvents();
        assertThat(verify(AUDITOR, null).get("verified")).isEqualTo(true);
        long provedThrough = jdbc.queryForObject("SELECT MAX(through_index) FROM seal_verification", Long.class);

        List<Row> rows = freshSealedEvents();
        Row row = rows.get(0);
        assertThat(row.globalIndex()).isGreaterThan(provedThrough);
        byte[] forged = row.payload().clone();
        forged[forged.length / 2] ^= 0x01;
        jdbc.update("UPDATE DomainEventEntry SET payload = ? WHERE globalIndex = ?", forged, row.globalIndex());
        try {
            Map<String, Object> caught = verifyIncremental(null);
            assertThat(caught.get("mode")).isEqualTo("INCREMENTAL");
            assertProblem(caught, "ALTERED", row);
        } finally {
            jdbc.update("UPDATE DomainEventEntry SET payload = ? WHERE globalIndex = ?", row.payload(), row.globalIndex());
        }
        assertThat(jdbc.queryForObject("SELECT MAX(through_index) FROM seal_verification", Long.class))
                .as("a broken run proves nothing").isEqualTo(provedThrough);

        Map<String, Object> result = verifyIncremental(null);
        assertThat(result.get("verified")).as("%s", result).isEqualTo(true);
        assertThat(result.get("mode")).isEqualTo("INCREMENTAL");
        long through = ((Number) result.get("sealedThrough")).longValue();
        assertThat(((Number) result.get("checkedFrom")).longValue()).isEqualTo(provedThrough + 1);
        assertThat(((Number) result.get("eventsChecked")).longValue()).isBetween((long) rows.size(), through - provedThrough);
        assertThat(result.get("coverage").toString())
                .contains("indexes " + (provedThrough + 1) + " to " + through).contains("trusted, not recomputed");

        Map<String, Object> again = verifyIncremental(null);
        assertThat(again.get("verified")).isEqualTo(true);
        assertThat(again.get("coverage").toString()).contains("nothing new");
    }

    @Test
    void incremental_verifications_asked_at_once_run_in_turn_each_from_what_the_one_before_proved() throws Exception {
        verifyIncremental(null);
        List<Row> rows = freshSealedEvents();
        int auditors = 4;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(auditors);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<Map<String, Object>> results = new java.util.ArrayList<>();
        try {
            List<java.util.concurrent.Future<Map<String, Object>>> asked = new java.util.ArrayList<>();
            for (int i = 0; i < auditors; i++) {
                asked.add(pool.submit(() -> {
                    start.await();
                    return verifyIncremental(null);
                }));
            }
            start.countDown();
            for (java.util.concurrent.Future<Map<String, Object>> answer : asked) {
                results.add(answer.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(results).allSatisfy(r -> assertThat(r.get("verified")).as("%s", r).isEqualTo(true));
        // the new events recomputed once; the others found them proved (nothing else is written meanwhile)
        assertThat(results).filteredOn(r -> r.get("coverage").toString().contains("nothing new")).hasSize(auditors - 1);
        assertThat(results).filteredOn(r -> !r.get("coverage").toString().contains("nothing new")).singleElement()
                .satisfies(r -> assertThat(((Number) r.get("eventsChecked")).longValue()).isGreaterThanOrEqualTo(rows.size()));
    }

    @Test
    void incremental_verification_trusts_the_proved_prefix_and_the_full_run_does_not() {
        Row row = freshSealedEvents().get(0);
        assertThat(verifyIncremental(null).get("verified")).isEqualTo(true);
        byte[] forged = row.payload().clone();
        forged[forged.length / 2] ^= 0x01;
        jdbc.update("UPDATE DomainEventEntry SET payload = ? WHERE globalIndex = ?", forged, row.globalIndex());
        try {
            // the documented trade-off: an edit inside the proved prefix is not recomputed incrementally
            Map<String, Object> trusted = verifyIncremental(null);
            assertThat(trusted.get("verified")).as("%s", trusted).isEqualTo(true);
            assertThat(((Number) trusted.get("checkedFrom")).longValue()).isGreaterThan(row.globalIndex());
            assertProblem(verify(AUDITOR, null), "ALTERED", row);
        } finally {
            jdbc.update("UPDATE DomainEventEntry SET payload = ? WHERE globalIndex = ?", row.payload(), row.globalIndex());
        }
        assertThat(verify(AUDITOR, null).get("verified")).isEqualTo(true);
    }

    @Test
    void a_chain_rewritten_through_the_proved_prefix_or_an_altered_record_is_caught_incrementally() {
        Row row = freshSealedEvents().get(0);
        assertThat(verify(AUDITOR, null).get("verified")).isEqualTo(true);
        long provedThrough = jdbc.queryForObject("SELECT MAX(through_index) FROM seal_verification", Long.class);
        assertThat(provedThrough).isGreaterThanOrEqualTo(row.globalIndex());

        byte[] forged = row.payload().clone();
        forged[forged.length / 2] ^= 0x01;
        jdbc.update("UPDATE DomainEventEntry SET payload = ? WHERE globalIndex = ?", forged, row.globalIndex());
        try {
            rewriteChainFrom(row.globalIndex());
            Map<String, Object> problem = assertProblem(verifyIncremental(null), "CHECKPOINT_MISMATCH", provedThrough);
            assertThat(problem.get("detail").toString()).contains("rewritten");
        } finally {
            jdbc.update("UPDATE DomainEventEntry SET payload = ? WHERE globalIndex = ?", row.payload(), row.globalIndex());
            rewriteChainFrom(row.globalIndex());
        }
        assertThat(verifyIncremental(null).get("verified")).as("the restored chain is the proved one").isEqualTo(true);

        // the latest record edited (e.g. to make an incremental run trust a forged prefix): its own hash, keyed, fails
        long latest = jdbc.queryForObject("SELECT MAX(id) FROM seal_verification", Long.class);
        long through = jdbc.queryForObject("SELECT through_index FROM seal_verification WHERE id = ?", Long.class, latest);
        jdbc.update("UPDATE seal_verification SET events_checked = events_checked + 1 WHERE id = ?", latest);
        try {
            Map<String, Object> problem = assertProblem(verifyIncremental(null), "CHECKPOINT_MISMATCH", through);
            assertThat(problem.get("detail").toString()).contains("seal_verification table was altered");
        } finally {
            jdbc.update("UPDATE seal_verification SET events_checked = events_checked - 1 WHERE id = ?", latest);
        }
        assertThat(verifyIncremental(null).get("verified")).isEqualTo(true);
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_full_verification_runs_in_the_background_with_its_progress() {
        freshSealedEvents();
        ResponseEntity<Map<String, Object>> started = post(AUDITOR, "/api/audit/verifications/full", null);
        assertThat(started.getStatusCode().value()).as("%s", started.getBody()).isEqualTo(202);
        assertThat(post(newUser("carrier", Roles.CARRIER), "/api/audit/verifications/full", null).getStatusCode().value())
                .isEqualTo(403);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() ->
                "FINISHED".equals(get(STAFF, "/api/audit/verifications/full").getBody().get("state")));
        Map<String, Object> status = get(AUDITOR, "/api/audit/verifications/full").getBody();
        assertThat(((Number) status.get("done")).longValue()).isEqualTo(((Number) status.get("total")).longValue())
                .isGreaterThan(0);
        assertThat(status.get("startedBy")).isEqualTo(AUDITOR);
        Map<String, Object> result = (Map<String, Object>) status.get("result");
        assertThat(result.get("status")).as("%s", result).isEqualTo("VERIFIED");
        assertThat(result.get("mode")).isEqualTo("FULL");
    }

    // ------------------------------------------------------------------ helpers

    /** Registers an organisation with a member (two events), waits until sealed; its rows in order. */
    private List<Row> freshSealedEvents() {
        String member = newUser("sealed", Roles.CARRIER);
        String organisation = newOrganisation("Sealed " + UUID.randomUUID().toString().substring(0, 6), "SME", member);
        awaitSealed();
        List<Row> rows = jdbc.query("SELECT * FROM DomainEventEntry WHERE aggregateIdentifier = ? ORDER BY globalIndex",
                (rs, n) -> new Row(rs.getLong("globalIndex"), rs.getString("eventIdentifier"),
                        rs.getString("aggregateIdentifier"), rs.getLong("sequenceNumber"), rs.getString("type"),
                        rs.getString("payloadType"), rs.getString("payloadRevision"), rs.getString("timeStamp"),
                        rs.getBytes("payload"), rs.getBytes("metaData")), organisation);
        assertThat(rows).hasSizeGreaterThanOrEqualTo(2);
        return rows;
    }

    private void awaitSealed() {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() ->
                jdbc.queryForObject("SELECT COALESCE(MAX(global_index), 0) FROM event_seal", Long.class)
                        >= jdbc.queryForObject("SELECT COALESCE(MAX(globalIndex), 0) FROM DomainEventEntry", Long.class));
    }

    /** What an attacker with database access does: drop the seals from an index and let them be recomputed. */
    private void rewriteChainFrom(long globalIndex) {
        jdbc.update("DELETE FROM seal_checkpoint WHERE global_index >= ?", globalIndex);
        jdbc.update("DELETE FROM event_seal WHERE global_index >= ?", globalIndex);
        awaitSealed();
    }

    /** Starts an event insert and rolls it back, leaving a permanent gap in the global index; returns it. */
    private long rolledBackInsert() {
        String id = "rolled-back-" + UUID.randomUUID();
        Long index = new TransactionTemplate(transactionManager).execute(status -> {
            jdbc.update("INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier,"
                    + " metaData, payload, payloadRevision, payloadType, timeStamp) VALUES (?, 0, 'Nothing', ?, ?, ?,"
                    + " NULL, 'java.lang.String', '2024-01-01T00:00:00Z')", id, id, "{}".getBytes(), "\"x\"".getBytes());
            Long generated = jdbc.queryForObject("SELECT globalIndex FROM DomainEventEntry WHERE eventIdentifier = ?",
                    Long.class, id);
            status.setRollbackOnly();
            return generated;
        });
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE globalIndex = ?", Long.class, index))
                .isZero();
        return index;
    }

    private void insert(Row row) {
        jdbc.update("INSERT INTO DomainEventEntry (globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber,"
                        + " type, payloadType, payloadRevision, timeStamp, payload, metaData)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row.globalIndex(), row.eventIdentifier(),
                row.aggregateIdentifier(), row.sequenceNumber(), row.type(), row.payloadType(), row.payloadRevision(),
                row.timeStamp(), row.payload(), row.metaData());
    }

    private void swapGlobalIndexes(long a, long b) {
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            jdbc.update("UPDATE DomainEventEntry SET globalIndex = ? WHERE globalIndex = ?", -a, a);
            jdbc.update("UPDATE DomainEventEntry SET globalIndex = ? WHERE globalIndex = ?", a, b);
            jdbc.update("UPDATE DomainEventEntry SET globalIndex = ? WHERE globalIndex = ?", b, -a);
        });
    }

    private void swapSequenceNumbers(Row first, Row second) {
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            long a = jdbc.queryForObject("SELECT sequenceNumber FROM DomainEventEntry WHERE globalIndex = ?", Long.class, first.globalIndex());
            long b = jdbc.queryForObject("SELECT sequenceNumber FROM DomainEventEntry WHERE globalIndex = ?", Long.class, second.globalIndex());
            jdbc.update("UPDATE DomainEventEntry SET sequenceNumber = ? WHERE globalIndex = ?", -1 - a, first.globalIndex());
            jdbc.update("UPDATE DomainEventEntry SET sequenceNumber = ? WHERE globalIndex = ?", a, second.globalIndex());
            jdbc.update("UPDATE DomainEventEntry SET sequenceNumber = ? WHERE globalIndex = ?", b, first.globalIndex());
        });
    }

    private Map<String, Object> verify(String user, Map<String, Object> checkpoint) {
        ResponseEntity<Map<String, Object>> response = post(user, "/api/audit/verify?mode=full", checkpoint);
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(200);
        assertThat(response.getBody().get("mode")).isEqualTo("FULL");
        assertThat(((Number) response.getBody().get("checkedFrom")).longValue()).isEqualTo(1);
        return response.getBody();
    }

    private Map<String, Object> verifyIncremental(Map<String, Object> checkpoint) {
        ResponseEntity<Map<String, Object>> response = post(AUDITOR, "/api/audit/verify", checkpoint);
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(200);
        return response.getBody();
    }

    private static Map<String, Object> assertProblem(Map<String, Object> result, String kind, Row row) {
        Map<String, Object> problem = assertProblem(result, kind, row.globalIndex());
        assertThat(problem.get("eventIdentifier")).isEqualTo(row.eventIdentifier());
        assertThat(problem.get("aggregateIdentifier")).isEqualTo(row.aggregateIdentifier());
        assertThat(((Number) problem.get("sequenceNumber")).longValue()).isEqualTo(row.sequenceNumber());
        return problem;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> assertProblem(Map<String, Object> result, String kind, long globalIndex) {
        assertThat(result.get("verified")).as("%s", result).isEqualTo(false);
        Map<String, Object> problem = (Map<String, Object>) result.get("firstProblem");
        assertThat(problem).as("%s", result).isNotNull();
        assertThat(problem.get("kind")).as("%s", problem).isEqualTo(kind);
        assertThat(((Number) problem.get("globalIndex")).longValue()).as("%s", problem).isEqualTo(globalIndex);
        assertThat(problem.get("detail")).isNotNull();
        return problem;
    }
}

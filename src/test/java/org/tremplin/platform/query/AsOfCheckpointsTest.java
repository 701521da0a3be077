package org.tremplin.platform.query;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * "As of" checkpoints kept in the database: a node that never replayed a subject (a restart, another node) restores
 * the latest stored state within its steps and folds the rest only, and answers exactly what a full replay answers;
 * a checkpoint of other steps or another code version is never used, and an unreadable one only means replaying.
 */
class AsOfCheckpointsTest {

    private static final OffsetDateTime START = OffsetDateTime.parse("2026-01-01T00:00:00Z");

    private JdbcTemplate database;
    private final List<ScratchDatabases> pools = new ArrayList<>();
    private final List<List<ScratchDatabases.Step>> folded = new ArrayList<>();

    /**
     * Each step inserts a seal gap row and an expense statement (text, numbers, a boolean, a date, times with their
     * offset, nulls) and moves a running time on the earliest gap: the state depends on every step and on their order.
     */
    private final ScratchDatabases.Fold fold = (jdbc, steps) -> {
        folded.add(List.copyOf(steps));
        for (ScratchDatabases.Step step : steps) {
            long n = step.sequence();
            jdbc.sql("INSERT INTO seal_gap (global_index, first_seen_at) VALUES (?, ?)")
                    .params(n * 10 + step.handler(), START).update();
            jdbc.sql("UPDATE seal_gap SET first_seen_at = first_seen_at + INTERVAL '1' SECOND"
                    + " WHERE global_index = (SELECT MIN(global_index) FROM seal_gap)").update();
            jdbc.sql("INSERT INTO expense_statement (convention_id, statement_id, application_id, period_end, amount,"
                            + " final_statement, status, approved_amount, decision_comment, submitted_at, submitted_by)"
                            + " VALUES ('CONV-1', ?, 'APP-1', ?, ?, ?, 'SUBMITTED', ?, ?, ?, 'carrier')")
                    .params("S-" + n, START.toLocalDate().plusDays(n), new java.math.BigDecimal(n + ".25"), n % 2 == 0,
                            n % 3 == 0 ? null : new java.math.BigDecimal("-" + n + ".50"), "déclaration n° " + n,
                            START.plusHours(n).withOffsetSameInstant(java.time.ZoneOffset.ofHours(2))).update();
        }
    };

    private final Function<JdbcClient, List<String>> state = jdbc -> {
        List<String> rows = new ArrayList<>(jdbc.sql("SELECT global_index || '@' || first_seen_at FROM seal_gap"
                + " ORDER BY global_index").query(String.class).list());
        rows.addAll(jdbc.sql("SELECT statement_id || '|' || period_end || '|' || amount || '|' || final_statement || '|'"
                + " || COALESCE(CAST(approved_amount AS VARCHAR), '-') || '|' || decision_comment || '|' || submitted_at"
                + " FROM expense_statement ORDER BY statement_id").query(String.class).list());
        return rows;
    };

    @BeforeEach
    void migrate() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:checkpoints-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/h2").load().migrate();
        database = new JdbcTemplate(dataSource);
    }

    @AfterEach
    void close() {
        pools.forEach(ScratchDatabases::close);
        database.execute("SHUTDOWN");
    }

    /** A node: its own scratch databases (a checkpoint every 4 steps), the shared store at this code version. */
    private ScratchDatabases node(AsOfCheckpoints store) {
        return node(store, 2);
    }

    private ScratchDatabases node(AsOfCheckpoints store, int kept) {
        ScratchDatabases pool = new ScratchDatabases(2, kept, 4, 0);
        pool.persistTo(store);
        pools.add(pool);
        return pool;
    }

    /** A node keeping nothing and reading no checkpoint: every answer from a full replay (its folds not counted). */
    private List<String> fullReplay(List<ScratchDatabases.Step> steps) {
        ScratchDatabases full = new ScratchDatabases(1, 0);
        pools.add(full);
        List<List<ScratchDatabases.Step>> before = new ArrayList<>(folded);
        List<String> answer = full.withReplay("a", steps, fold, state);
        folded.clear();
        folded.addAll(before);
        return answer;
    }

    @Test
    void a_node_that_never_replayed_the_subject_restores_the_latest_stored_state_then_the_others_and_equals_a_full_replay() {
        AsOfCheckpoints store = new AsOfCheckpoints(database, "v1");
        ScratchDatabases first = node(store);
        // the builder's way: the states after 4 and 8 steps stored ahead of any request
        assertThat(first.storeCheckpoint("a", steps(4), fold)).isTrue();
        assertThat(first.storeCheckpoint("a", steps(8), fold)).isTrue();
        assertThat(first.storeCheckpoint("a", steps(8), fold)).as("stored already").isFalse();
        assertThat(first.keptCount()).as("a background build keeps no database").isZero();
        assertThat(database.queryForObject("SELECT COUNT(*) FROM as_of_checkpoint", Integer.class)).isEqualTo(2);

        // another node (or this one restarted): nine steps restore the state after eight and fold the ninth only
        ScratchDatabases second = node(store);
        folded.clear();
        assertThat(second.withReplay("a", steps(9), fold, state)).isEqualTo(fullReplay(steps(9)));
        assertThat(folded).containsExactly(steps(9).subList(8, 9));
        assertThat(second.checkpointsRestored()).isGreaterThanOrEqualTo(1);
        // then, in the background, every stored state of the subject into a database of its own, kept (8 and 4)
        await().atMost(Duration.ofSeconds(10)).until(() -> second.checkpointsRestored() == 3);

        // six steps (an earlier instant): from the state after four, in memory now, then two steps
        folded.clear();
        assertThat(second.withReplay("a", steps(6), fold, state)).isEqualTo(fullReplay(steps(6)));
        assertThat(folded).containsExactly(steps(6).subList(4, 6));
        // seven: the same copy, which the six steps left untouched; nothing read from the database again
        folded.clear();
        assertThat(second.withReplay("a", steps(7), fold, state)).isEqualTo(fullReplay(steps(7)));
        assertThat(folded).containsExactly(steps(7).subList(4, 7));
        assertThat(second.checkpointsRestored()).isEqualTo(3);
        // three: before every stored checkpoint, folded from the start
        folded.clear();
        assertThat(second.withReplay("a", steps(3), fold, state)).isEqualTo(fullReplay(steps(3)));
        assertThat(folded.stream().mapToInt(List::size).sum()).isEqualTo(3);
    }

    @Test
    void several_first_requests_at_once_answer_right_and_restore_the_subject_ahead_once() throws Exception {
        AsOfCheckpoints store = new AsOfCheckpoints(database, "v1");
        ScratchDatabases builder = node(store);
        for (int length : new int[] {4, 8, 12, 16}) {
            assertThat(builder.storeCheckpoint("a", steps(length), fold)).isTrue();
        }
        List<String> expected = fullReplay(steps(17));
        int auditors = 4;
        // room to keep every request's database and the one restored ahead: with less, a slow machine may finish a
        // request after the restore ahead, keep its database, evict the one restored ahead (the oldest), and the next
        // request's end restore the subject ahead again (a CI run saw 12 restored, session 20)
        ScratchDatabases fresh = node(store, auditors + 1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(auditors);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try {
            List<java.util.concurrent.Future<List<String>>> answers = new ArrayList<>();
            for (int i = 0; i < auditors; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return fresh.withReplay("a", steps(17), fold, state);
                }));
            }
            start.countDown();
            for (java.util.concurrent.Future<List<String>> answer : answers) {
                assertThat(answer.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
        // each request restored one state at most (the one after 16 steps); the subject's four, ahead, once
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10))
                .until(() -> fresh.checkpointsRestored() >= 4 + 1);
        Thread.sleep(500);
        assertThat(fresh.checkpointsRestored()).isBetween(4L + 1, 4L + auditors);
    }

    @Test
    void a_start_restores_the_longest_stored_histories_ahead_and_their_first_requests_read_nothing_from_the_database() {
        AsOfCheckpoints store = new AsOfCheckpoints(database, "v1");
        // a start before any state is stored (an upgrade: the builder has not looked through the store yet)
        ScratchDatabases started = node(store);
        started.restoreAtStart(2);
        assertThat(started.restoreAhead()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> !started.restoringAhead());
        assertThat(started.keptCount()).isZero();

        ScratchDatabases builder = node(store);
        for (int length : new int[] {4, 8, 12}) {
            assertThat(builder.storeCheckpoint("a", steps(length), fold)).isTrue();
        }
        for (String key : List.of("b", "d")) {
            assertThat(builder.storeCheckpoint(key, steps(4), fold)).isTrue();
            assertThat(builder.storeCheckpoint(key, steps(8), fold)).isTrue();
        }
        assertThat(builder.storeCheckpoint("c", steps(4), fold)).isTrue();
        // the longest first, ties by key; a subject with one stored state is its first request's to restore
        assertThat(store.longestHistories(5)).containsExactly("a", "b", "d");

        // the builder's pass: the two longest histories restored ahead, each into a database of its own, kept
        assertThat(started.restoreAhead()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> started.checkpointsRestored() == 3 + 2
                && !started.restoringAhead());
        assertThat(started.keptCount()).isEqualTo(2);
        assertThat(started.restoreAhead()).as("once per start").isFalse();

        // their first requests start from a copy in memory: the steps after it folded, nothing restored
        folded.clear();
        assertThat(started.withReplay("a", steps(13), fold, state)).isEqualTo(fullReplay(steps(13)));
        assertThat(folded).containsExactly(steps(13).subList(12, 13));
        folded.clear();
        assertThat(started.withReplay("b", steps(10), fold, state)).isEqualTo(fullReplay(steps(10)));
        assertThat(folded).containsExactly(steps(10).subList(8, 10));
        assertThat(started.checkpointsRestored()).isEqualTo(5);
        // the third longest was not restored ahead: its first request restores its latest stored state
        folded.clear();
        assertThat(started.withReplay("d", steps(9), fold, state)).isEqualTo(fullReplay(steps(9)));
        assertThat(folded).containsExactly(steps(9).subList(8, 9));
        assertThat(started.checkpointsRestored()).isGreaterThan(5);
    }

    @Test
    void a_request_that_replays_more_than_a_checkpoint_run_stores_its_final_state_for_the_other_nodes() {
        AsOfCheckpoints store = new AsOfCheckpoints(database, "v1");
        ScratchDatabases first = node(store);
        assertThat(first.withReplay("a", steps(10), fold, state)).isEqualTo(fullReplay(steps(10)));
        // stored after the answer, on a thread of its own
        await().atMost(Duration.ofSeconds(10)).until(() -> store.candidates("a", 10, 5).size() == 1);
        assertThat(store.candidates("a", 100, 5)).extracting(AsOfCheckpoints.Stored::steps).containsExactly(10);

        ScratchDatabases second = node(store);
        folded.clear();
        assertThat(second.withReplay("a", steps(12), fold, state)).isEqualTo(fullReplay(steps(12)));
        assertThat(folded).containsExactly(steps(12).subList(10, 12));
    }

    @Test
    void a_checkpoint_of_other_steps_or_of_another_code_version_is_never_used() {
        AsOfCheckpoints old = new AsOfCheckpoints(database, "v1");
        assertThat(node(old).storeCheckpoint("a", steps(8), fold)).isTrue();

        // the same steps, another code version: not read, and the new version deletes the old one's
        AsOfCheckpoints current = new AsOfCheckpoints(database, "v2");
        ScratchDatabases upgraded = node(current);
        folded.clear();
        assertThat(upgraded.withReplay("a", steps(9), fold, state)).isEqualTo(fullReplay(steps(9)));
        assertThat(folded.stream().mapToInt(List::size).sum()).as("folded anew").isEqualTo(9);
        assertThat(upgraded.checkpointsRestored()).isZero();
        database.update("INSERT INTO as_of_checkpoint_scan (code_version, scanned_to) VALUES ('v1', 5), ('v2', 7)");
        assertThat(current.forgetOtherVersions()).isEqualTo(1);
        assertThat(database.queryForObject("SELECT COUNT(*) FROM as_of_checkpoint WHERE code_version = 'v1'",
                Integer.class)).isZero();
        assertThat(database.queryForList("SELECT code_version FROM as_of_checkpoint_scan", String.class))
                .containsExactly("v2");

        // other steps under the same key (another handler at step 2): the stored prefix of eight is not theirs
        assertThat(node(current).storeCheckpoint("a", steps(8), fold)).isTrue();
        List<ScratchDatabases.Step> other = new ArrayList<>(steps(9));
        other.set(2, new ScratchDatabases.Step("A", 2, 1));
        ScratchDatabases another = node(current);
        folded.clear();
        List<String> answer = another.withReplay("a", other, fold, state);
        assertThat(answer).isEqualTo(fullReplay(other));
        assertThat(another.checkpointsRestored()).isZero();
    }

    @Test
    void an_unreadable_checkpoint_is_replayed_instead_and_the_answer_stays_right() {
        AsOfCheckpoints store = new AsOfCheckpoints(database, "v1");
        assertThat(node(store).storeCheckpoint("a", steps(8), fold)).isTrue();
        // damaged in the database: not the bytes the builder wrote
        database.update("UPDATE as_of_checkpoint SET state = ?", (Object) new byte[] {1, 2, 3});

        // a node with a kept state of three steps: the damaged copy cannot be restored beside it
        ScratchDatabases kept = node(store);
        assertThat(kept.withReplay("a", steps(3), fold, state)).isEqualTo(fullReplay(steps(3)));
        assertThat(kept.withReplay("a", steps(9), fold, state)).isEqualTo(fullReplay(steps(9)));
        assertThat(kept.checkpointsRestored()).isZero();
        // a node with nothing kept: nor into a database of its own (eight steps: the nine-step replay above stored
        // its own state, which a longer request would restore)
        ScratchDatabases fresh = node(store);
        assertThat(fresh.withReplay("a", steps(8), fold, state)).isEqualTo(fullReplay(steps(8)));
        assertThat(fresh.checkpointsRestored()).isZero();
    }

    @Test
    void the_code_version_is_a_digest_of_the_packaged_classes_and_migrations() {
        String version = AsOfCheckpoints.computeCodeVersion();
        assertThat(version).matches("[0-9a-f]{32}").isEqualTo(AsOfCheckpoints.computeCodeVersion());
    }

    private static List<ScratchDatabases.Step> steps(int count) {
        List<ScratchDatabases.Step> steps = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            steps.add(new ScratchDatabases.Step("A", i, 0));
        }
        return steps;
    }
}

package org.tremplin.platform.query;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A reused scratch database is, for the next user, what a freshly migrated one is. */
class ScratchDatabasesTest {

    @Test
    void a_database_comes_back_empty_with_the_migrations_own_rows_and_identities_restarted() {
        ScratchDatabases pool = new ScratchDatabases(2);
        try {
            List<Long> firstIds = pool.withScratch(jdbc -> {
                insertVerification(jdbc);
                insertVerification(jdbc);
                jdbc.sql("DELETE FROM seal_lock").update();
                jdbc.sql("INSERT INTO seal_gap (global_index, first_seen_at) VALUES (7, ?)").param(OffsetDateTime.now()).update();
                return jdbc.sql("SELECT id FROM seal_verification ORDER BY id").query(Long.class).list();
            });
            assertThat(firstIds).containsExactly(1L, 2L);
            assertThat(pool.idleCount()).isEqualTo(1);

            pool.withScratch(jdbc -> {
                assertThat(jdbc.sql("SELECT COUNT(*) FROM seal_verification").query(Long.class).single()).isZero();
                assertThat(jdbc.sql("SELECT COUNT(*) FROM seal_gap").query(Long.class).single()).isZero();
                assertThat(jdbc.sql("SELECT name FROM seal_lock").query(String.class).list()).containsExactly("sealer");
                insertVerification(jdbc);
                assertThat(jdbc.sql("SELECT id FROM seal_verification").query(Long.class).single()).isEqualTo(1L);
                return null;
            });
            assertThat(pool.idleCount()).as("reused, not migrated again").isEqualTo(1);
        } finally {
            pool.close();
        }
    }

    @Test
    void a_database_whose_work_failed_is_dropped_and_the_pool_keeps_at_most_its_size() {
        ScratchDatabases pool = new ScratchDatabases(1);
        try {
            assertThatThrownBy(() -> pool.withScratch(jdbc -> {
                insertVerification(jdbc);
                throw new IllegalStateException("projection failed");
            })).hasMessage("projection failed");
            assertThat(pool.idleCount()).isZero();
            pool.withScratch(jdbc -> pool.withScratch(inner -> {
                assertThat(inner.sql("SELECT COUNT(*) FROM seal_verification").query(Long.class).single()).isZero();
                return null;
            }));
            assertThat(pool.idleCount()).isEqualTo(1);
        } finally {
            pool.close();
        }
    }

    @Test
    void a_replay_starts_from_a_kept_state_only_when_it_holds_a_prefix_of_the_very_same_steps() {
        ScratchDatabases pool = new ScratchDatabases(2, 2);
        List<List<ScratchDatabases.Step>> folded = new java.util.ArrayList<>();
        // each step inserts a seal gap row numbered by its sequence: the state is the set of steps folded
        ScratchDatabases.Fold fold = (jdbc, steps) -> {
            folded.add(List.copyOf(steps));
            for (ScratchDatabases.Step step : steps) {
                jdbc.sql("INSERT INTO seal_gap (global_index, first_seen_at) VALUES (?, ?)")
                        .params(step.sequence() * 10 + step.handler(), OffsetDateTime.now()).update();
            }
        };
        java.util.function.Function<org.springframework.jdbc.core.simple.JdbcClient, List<Long>> state = jdbc ->
                jdbc.sql("SELECT global_index FROM seal_gap ORDER BY global_index").query(Long.class).list();
        try {
            List<ScratchDatabases.Step> five = steps("A", 5);
            assertThat(pool.withReplay("a", five, fold, state)).containsExactly(0L, 10L, 20L, 30L, 40L);
            assertThat(folded.get(0)).hasSize(5);
            assertThat(pool.keptCount()).isEqualTo(1);

            // the same steps and two more: only the two are folded, then rolled back (the kept state stays at five)
            List<ScratchDatabases.Step> seven = steps("A", 7);
            assertThat(pool.withReplay("a", seven, fold, state)).containsExactly(0L, 10L, 20L, 30L, 40L, 50L, 60L);
            assertThat(folded.get(1)).containsExactlyElementsOf(seven.subList(5, 7));
            assertThat(pool.withReplay("a", five, fold, state)).containsExactly(0L, 10L, 20L, 30L, 40L);
            assertThat(folded.get(2)).isEmpty();

            // fewer steps, or other steps (a late event, another handler) under the same key: every step folded anew
            assertThat(pool.withReplay("a", steps("A", 3), fold, state)).containsExactly(0L, 10L, 20L);
            assertThat(folded.get(3)).hasSize(3);
            List<ScratchDatabases.Step> other = new java.util.ArrayList<>(five);
            other.set(2, new ScratchDatabases.Step("A", 2, 1));
            assertThat(pool.withReplay("a", other, fold, state)).containsExactly(0L, 10L, 21L, 30L, 40L);
            assertThat(folded.get(4)).hasSize(5);
            // another key never starts from this one's state
            assertThat(pool.withReplay("b", five, fold, state)).containsExactly(0L, 10L, 20L, 30L, 40L);
            assertThat(folded.get(5)).hasSize(5);
            assertThat(pool.keptCount()).as("at most two kept").isEqualTo(2);

            // a fold that fails leaves no state behind
            assertThatThrownBy(() -> pool.withReplay("b", seven, (jdbc, steps) -> {
                fold.apply(jdbc, steps);
                throw new IllegalStateException("projection failed");
            }, state)).hasMessage("projection failed");
            assertThat(pool.withReplay("b", five, fold, state)).containsExactly(0L, 10L, 20L, 30L, 40L);
        } finally {
            pool.close();
        }
    }

    @Test
    void an_earlier_prefix_of_a_kept_replay_starts_from_its_latest_checkpoint_and_equals_a_full_replay() {
        // a checkpoint every 4 steps; a pool without kept states folds everything, for the expected answers
        ScratchDatabases pool = new ScratchDatabases(2, 2, 4);
        ScratchDatabases full = new ScratchDatabases(1, 0);
        List<List<ScratchDatabases.Step>> folded = new java.util.ArrayList<>();
        // each step inserts a seal gap row numbered by its sequence and updates a running total: the state depends on
        // every step folded and on their order
        ScratchDatabases.Fold fold = (jdbc, steps) -> {
            folded.add(List.copyOf(steps));
            for (ScratchDatabases.Step step : steps) {
                jdbc.sql("INSERT INTO seal_gap (global_index, first_seen_at) VALUES (?, ?)")
                        .params(step.sequence() * 10 + step.handler(), OffsetDateTime.parse("2026-01-01T00:00:00Z")).update();
                jdbc.sql("UPDATE seal_gap SET first_seen_at = first_seen_at + INTERVAL '1' SECOND"
                        + " WHERE global_index = (SELECT MIN(global_index) FROM seal_gap)").update();
            }
        };
        java.util.function.Function<org.springframework.jdbc.core.simple.JdbcClient, List<String>> state = jdbc ->
                jdbc.sql("SELECT global_index || '@' || first_seen_at FROM seal_gap ORDER BY global_index")
                        .query(String.class).list();
        try {
            List<ScratchDatabases.Step> ten = steps("A", 10);
            assertThat(pool.withReplay("a", ten, fold, state)).isEqualTo(full.withReplay("a", ten, fold, state));
            folded.clear();

            // seven steps (an earlier instant): the checkpoint after four, then three steps folded
            assertThat(pool.withReplay("a", steps("A", 7), fold, state))
                    .isEqualTo(full.withReplay("a", steps("A", 7), fold, state));
            assertThat(folded.get(0)).containsExactlyElementsOf(steps("A", 7).subList(4, 7));
            // eight: exactly the checkpoint after eight, nothing folded; three: no checkpoint within, all folded
            folded.clear();
            assertThat(pool.withReplay("a", steps("A", 8), fold, state))
                    .isEqualTo(full.withReplay("a", steps("A", 8), fold, state));
            assertThat(folded.get(0)).isEmpty();
            folded.clear();
            int keptBefore = pool.keptCount();
            assertThat(pool.withReplay("a", steps("A", 3), fold, state))
                    .isEqualTo(full.withReplay("a", steps("A", 3), fold, state));
            assertThat(folded.get(0)).hasSize(3);
            // from the kept replay's state before any step: no database kept for these three steps
            assertThat(pool.keptCount()).isEqualTo(keptBefore);

            // the kept state itself was not touched by the restores (they were rolled back)
            folded.clear();
            assertThat(pool.withReplay("a", ten, fold, state)).isEqualTo(full.withReplay("a", ten, fold, state));
            assertThat(folded.get(0)).isEmpty();

            // the checkpoint's copy neither: the folds into it were rolled back, so it answers again and again
            for (int length : new int[] {7, 6, 7, 5}) {
                folded.clear();
                assertThat(pool.withReplay("a", steps("A", length), fold, state)).as("%d steps", length)
                        .isEqualTo(full.withReplay("a", steps("A", length), fold, state));
                assertThat(folded.get(0)).hasSize(length - 4);
            }
            // the copy keeps the table's primary key: a duplicate is refused there as in the live tables
            ScratchDatabases.Fold duplicate = (jdbc, steps) -> {
                fold.apply(jdbc, steps);
                jdbc.sql("INSERT INTO seal_gap (global_index, first_seen_at) VALUES (0, ?)")
                        .param(OffsetDateTime.parse("2026-01-01T00:00:00Z")).update();
            };
            assertThatThrownBy(() -> pool.withReplay("a", steps("A", 6), duplicate, state))
                    .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
            // a failed request drops its database; the next one answers right from a fresh replay
            assertThat(pool.withReplay("a", steps("A", 6), fold, state))
                    .isEqualTo(full.withReplay("a", steps("A", 6), fold, state));

            // other steps under the same key (another handler at step 2): no checkpoint holds their prefix beyond 2
            List<ScratchDatabases.Step> other = new java.util.ArrayList<>(steps("A", 7));
            other.set(2, new ScratchDatabases.Step("A", 2, 1));
            List<String> expected = full.withReplay("a", other, fold, state);
            folded.clear();
            assertThat(pool.withReplay("a", other, fold, state)).isEqualTo(expected);
            assertThat(folded.stream().mapToInt(List::size).sum()).as("folded anew from the start").isEqualTo(7);
        } finally {
            pool.close();
            full.close();
        }
    }

    @Test
    void a_table_empty_at_the_checkpoint_but_filled_later_is_read_as_it_stood_at_the_checkpoint() {
        // steps from the sixth on also register a partner pole: empty at the checkpoints after 0 and 4, filled in the
        // kept state after 10
        ScratchDatabases pool = new ScratchDatabases(2, 2, 4);
        ScratchDatabases full = new ScratchDatabases(1, 0);
        ScratchDatabases.Fold fold = (jdbc, steps) -> {
            for (ScratchDatabases.Step step : steps) {
                jdbc.sql("INSERT INTO seal_gap (global_index, first_seen_at) VALUES (?, ?)")
                        .params(step.sequence(), OffsetDateTime.parse("2026-01-01T00:00:00Z")).update();
                if (step.sequence() >= 5) {
                    jdbc.sql("INSERT INTO partner_pole (id, name, themes, contact_name, contact_email, registered_at)"
                                    + " VALUES (?, ?, '', '', '', ?)")
                            .params("POLE-" + step.sequence(), "Pole " + step.sequence(),
                                    OffsetDateTime.parse("2026-01-01T00:00:00Z")).update();
                }
            }
        };
        java.util.function.Function<org.springframework.jdbc.core.simple.JdbcClient, List<String>> state = jdbc ->
                jdbc.sql("SELECT id FROM partner_pole ORDER BY id").query(String.class).list();
        try {
            assertThat(pool.withReplay("p", steps("A", 10), fold, state)).hasSize(5);
            for (int length : new int[] {7, 4, 6, 3, 9}) {
                assertThat(pool.withReplay("p", steps("A", length), fold, state)).as("%d steps", length)
                        .isEqualTo(full.withReplay("p", steps("A", length), fold, state))
                        .hasSize(Math.max(0, length - 5));
            }
            assertThat(pool.withReplay("p", steps("A", 10), fold, state)).hasSize(5);
        } finally {
            pool.close();
            full.close();
        }
    }

    @Test
    void the_migrations_define_no_foreign_key_nor_sequence_which_a_checkpoint_copy_could_not_name() throws Exception {
        // a checkpoint creates each table's definition in its own schema: a reference to another table or a sequence
        // would point at an object the checkpoint may not hold
        var resolver = new org.springframework.core.io.support.PathMatchingResourcePatternResolver();
        var migrations = resolver.getResources("classpath:db/migration/*/*.sql");
        assertThat(migrations).hasSizeGreaterThan(10);
        for (var migration : migrations) {
            String sql = new String(migration.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .toUpperCase(java.util.Locale.ROOT);
            assertThat(sql).as(migration.getFilename()).doesNotContain("REFERENCES ", "FOREIGN KEY", "CREATE SEQUENCE");
        }
    }

    @Test
    void the_warm_up_migrates_databases_into_the_pool_before_any_request_and_none_once_closed() {
        ScratchDatabases pool = new ScratchDatabases(3, 2, 4, 2);
        try {
            assertThat(pool.idleCount()).isZero();
            pool.warmUp();
            assertThat(pool.idleCount()).isEqualTo(2);
            // the first request takes a warmed database: it folds into an empty, migrated state
            Long rows = pool.withScratch(jdbc -> jdbc.sql("SELECT COUNT(*) FROM seal_gap").query(Long.class).single());
            assertThat(rows).isZero();
            assertThat(pool.idleCount()).isEqualTo(2);
            // once the application is ready, a kept replay that takes a database from the pool has it refilled behind
            pool.warmUpWhenReady();
            pool.withReplay("kept", steps("A", 2), (jdbc, steps) -> { }, jdbc -> 0);
            assertThat(pool.keptCount()).isEqualTo(1);
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (pool.idleCount() < 2 && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
            }
            assertThat(pool.idleCount()).as("refilled in the background").isEqualTo(2);
        } finally {
            pool.close();
        }
        assertThat(pool.idleCount()).isZero();
        pool.warmUp();
        assertThat(pool.idleCount()).as("nothing migrated once closed").isZero();
    }

    private static List<ScratchDatabases.Step> steps(String aggregate, int count) {
        List<ScratchDatabases.Step> steps = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            steps.add(new ScratchDatabases.Step(aggregate, i, 0));
        }
        return steps;
    }

    private static void insertVerification(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        jdbc.sql("INSERT INTO seal_verification (mode, from_index, through_index, through_seal, events_checked, verified_at,"
                        + " previous_hash, record_hash) VALUES ('FULL', 1, 2, ?, 2, ?, ?, ?)")
                .params("a".repeat(64), OffsetDateTime.now(), "0".repeat(64), "b".repeat(64)).update();
    }
}

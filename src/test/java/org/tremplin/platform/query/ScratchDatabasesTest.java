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

    private static void insertVerification(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        jdbc.sql("INSERT INTO seal_verification (mode, from_index, through_index, through_seal, events_checked, verified_at,"
                        + " previous_hash, record_hash) VALUES ('FULL', 1, 2, ?, 2, ?, ?, ?)")
                .params("a".repeat(64), OffsetDateTime.now(), "0".repeat(64), "b".repeat(64)).update();
    }
}

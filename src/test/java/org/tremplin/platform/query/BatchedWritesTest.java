package org.tremplin.platform.query;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The replay's batched writes: same rows as writing at once, the order per row kept, fewer database calls. */
class BatchedWritesTest {

    private JdbcTemplate jdbc;
    private final List<String> calls = new ArrayList<>();
    private BatchedWrites writes;

    @BeforeEach
    void database() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:batched-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE item (id VARCHAR(20) PRIMARY KEY, status VARCHAR(20), total INT)");
        jdbc.execute("CREATE TABLE item_log (id VARCHAR(20), position INT, note VARCHAR(20), PRIMARY KEY (id, position))");
        JdbcTemplate counting = new JdbcTemplate(dataSource) {
            @Override
            public int update(String sql, Object... args) {
                calls.add("update");
                return super.update(sql, args);
            }

            @Override
            public int[] batchUpdate(String sql, List<Object[]> batchArgs) {
                calls.add("batch of " + batchArgs.size());
                return super.batchUpdate(sql, batchArgs);
            }
        };
        writes = new BatchedWrites(JdbcClient.create(dataSource), counting, "test");
    }

    private static final String INSERT = "INSERT INTO item (id, status, total) SELECT ?, 'NEW', 0 WHERE NOT EXISTS (SELECT 1 FROM item WHERE id = ?)";
    private static final String STATUS = "UPDATE item SET status = ? WHERE id = ?";
    private static final String ADD = "UPDATE item SET total = total + ? WHERE id = ? AND status <> 'CLOSED'";
    private static final String CLEAR_LOG = "DELETE FROM item_log WHERE id = ?";
    private static final String LOG = "INSERT INTO item_log (id, position, note) VALUES (?, ?, ?)";

    /** Events for three items, interleaved; writes to one row depend on the order (closing stops the additions). */
    private void handleEvents() {
        for (String id : List.of("a", "b", "c")) {
            writes.write(INSERT, new Object[]{id, id}, "item:" + id);
            writes.write(ADD, new Object[]{1, id}, "item:" + id);
        }
        for (String id : List.of("a", "b", "c")) {
            writes.write(STATUS, new Object[]{"OPEN", id}, "item:" + id);
            writes.write(ADD, new Object[]{10, id}, "item:" + id);
            writes.write(CLEAR_LOG, new Object[]{id}, "item_log:" + id);
            for (int position = 1; position <= 2; position++) {
                writes.write(LOG, new Object[]{id, position, id + position}, "item_log:" + id);
            }
        }
        writes.write(STATUS, new Object[]{"CLOSED", "b"}, "item:b");
        writes.write(ADD, new Object[]{100, "b"}, "item:b");
        writes.write(ADD, new Object[]{100, "a"}, "item:a");
        writes.write(STATUS, new Object[]{"REOPENED", "b"}, "item:b");
        writes.write(ADD, new Object[]{1000, "b"}, "item:b");
        writes.write(CLEAR_LOG, new Object[]{"c"}, "item_log:c");
        writes.write(LOG, new Object[]{"c", 1, "again"}, "item_log:c");
    }

    private List<Map<String, Object>> rows() {
        List<Map<String, Object>> rows = new ArrayList<>(jdbc.queryForList("SELECT * FROM item ORDER BY id"));
        rows.addAll(jdbc.queryForList("SELECT * FROM item_log ORDER BY id, position"));
        return rows;
    }

    @Test
    void outside_a_replay_unit_of_work_every_write_is_executed_at_once() {
        handleEvents();

        assertThat(calls).isEmpty();
        assertThat(jdbc.queryForObject("SELECT total FROM item WHERE id = 'b'", Integer.class)).isEqualTo(1011);

        UnitOfWork<?> live = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("live"));
        try {
            writes.write(ADD, new Object[]{5, "a"}, "item:a");
            assertThat(jdbc.queryForObject("SELECT total FROM item WHERE id = 'a'", Integer.class)).isEqualTo(116);
        } finally {
            live.commit();
        }
        assertThat(calls).isEmpty();
    }

    @Test
    void in_a_replay_unit_of_work_the_writes_are_sent_in_batches_at_commit_with_the_same_result() {
        handleEvents();
        List<Map<String, Object>> atOnce = rows();
        jdbc.execute("DELETE FROM item");
        jdbc.execute("DELETE FROM item_log");

        UnitOfWork<?> replay = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("replayed"));
        replay.resources().put(BatchedWrites.BATCHED, Boolean.TRUE);
        handleEvents();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM item", Integer.class)).as("queued until the commit").isZero();
        replay.commit();

        assertThat(rows()).isEqualTo(atOnce);
        assertThat(jdbc.queryForObject("SELECT total FROM item WHERE id = 'b'", Integer.class)).isEqualTo(1011);
        // 28 statements in 12 calls: the inserts, the first additions, the openings, the second additions (a's third
        // one with them, after its second), the logs' clearings and inserts each in one batch; then b's closing,
        // reopening and their additions, and c's second log, one after the other, in order.
        assertThat(calls).hasSize(12);
        assertThat(calls).startsWith("batch of 3", "batch of 3", "batch of 3", "batch of 4", "batch of 3", "batch of 6");
    }

    @Test
    void a_statement_whose_result_is_read_runs_after_everything_queued() {
        UnitOfWork<?> replay = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("replayed"));
        replay.resources().put(BatchedWrites.BATCHED, Boolean.TRUE);
        writes.write(INSERT, new Object[]{"a", "a"}, "item:a");
        writes.write(STATUS, new Object[]{"CLOSED", "a"}, "item:a");

        assertThat(writes.now(ADD, 1, "a")).isZero();
        assertThat(writes.now(INSERT, "a", "a")).isZero();
        replay.commit();
        assertThat(jdbc.queryForObject("SELECT status FROM item WHERE id = 'a'", String.class)).isEqualTo("CLOSED");
    }
}

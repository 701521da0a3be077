package org.tremplin.platform.query;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tremplin.support.ApiTestSupport;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A read model's reset empties its tables inside the transaction of the reset: rolled back with it, committed with it,
 * and without waiting for the open transactions of the model's readers. A truncating reset (the replay's, under a
 * committed mark) commits each table at once on H2, and is the same as the others on PostgreSQL.
 */
class ReadModelResetTest extends ApiTestSupport {

    private static final List<String> TABLES = List.of("reset_probe_parent", "reset_probe_child");

    @Autowired
    private DataSource dataSource;
    @Autowired
    private PlatformTransactionManager transactionManager;

    private JdbcClient client;
    private TransactionTemplate transaction;

    @BeforeEach
    void probeTables() {
        client = JdbcClient.create(dataSource);
        transaction = new TransactionTemplate(transactionManager);
        dropProbeTables();
        jdbc.execute("CREATE TABLE reset_probe_parent (id VARCHAR(20) PRIMARY KEY, name VARCHAR(50))");
        jdbc.execute("CREATE TABLE reset_probe_child (id VARCHAR(20) PRIMARY KEY, parent_id VARCHAR(20))");
        jdbc.execute("CREATE INDEX reset_probe_child_parent ON reset_probe_child (parent_id)");
        for (int i = 0; i < 50; i++) {
            jdbc.update("INSERT INTO reset_probe_parent (id, name) VALUES (?, ?)", "P" + i, "parent " + i);
            jdbc.update("INSERT INTO reset_probe_child (id, parent_id) VALUES (?, ?)", "C" + i, "P" + i);
        }
    }

    @AfterEach
    void dropProbeTables() {
        jdbc.execute("DROP TABLE IF EXISTS reset_probe_child");
        jdbc.execute("DROP TABLE IF EXISTS reset_probe_parent");
    }

    @Test
    void a_reset_rolled_back_with_its_transaction_leaves_every_row() {
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            ReadModelReset.empty(client, TABLES);
            assertThat(rows()).as("inside the reset's transaction").containsExactly(0L, 0L);
            throw new IllegalStateException("the replay failed before storing the token");
        })).hasMessageContaining("before storing the token");

        assertThat(rows()).containsExactly(50L, 50L);
    }

    @Test
    void a_committed_reset_empties_every_table() {
        transaction.executeWithoutResult(status -> ReadModelReset.empty(client, "reset_probe_parent", "reset_probe_child"));

        assertThat(rows()).containsExactly(0L, 0L);
        jdbc.update("INSERT INTO reset_probe_parent (id, name) VALUES ('again', 'refilled after the reset')");
        assertThat(rows()).containsExactly(1L, 0L);
    }

    @Test
    void a_reset_does_not_wait_for_a_reader_whose_transaction_is_still_open() throws Exception {
        // a live step reading the model while a replay resets it: PostgreSQL's TRUNCATE would wait for the reader's
        // transaction (and make every later reader wait behind it), a DELETE does not
        resetWhileAReaderIsOpen(() -> ReadModelReset.empty(client, TABLES));
    }

    @Test
    void a_truncating_reset_commits_each_table_at_once_on_h2_and_stays_one_transaction_elsewhere() {
        List<List<String>> told = new java.util.ArrayList<>();
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            ReadModelReset.truncating(told::add, () -> ReadModelReset.empty(client, TABLES));
            assertThat(rows()).as("inside the reset's transaction").containsExactly(0L, 0L);
            throw new IllegalStateException("the replay failed before storing the token");
        })).hasMessageContaining("before storing the token");

        // H2's TRUNCATE commits by itself (hence the replay's mark, told the tables first); PostgreSQL still deletes
        assertThat(rows()).containsExactly(h2() ? 0L : 50L, h2() ? 0L : 50L);
        assertThat(told).isEqualTo(h2() ? List.of(TABLES) : List.of());
    }

    @Test
    void a_truncating_reset_does_not_wait_for_a_reader_whose_transaction_is_still_open() throws Exception {
        // H2's TRUNCATE (the replay's, under a mark) does not either; on PostgreSQL this is a DELETE
        resetWhileAReaderIsOpen(() -> ReadModelReset.truncating(tables -> { }, () -> ReadModelReset.empty(client, TABLES)));
    }

    /** Runs the reset in a transaction of its own while another connection's transaction has read the model. */
    private void resetWhileAReaderIsOpen(Runnable reset) throws Exception {
        java.util.concurrent.ExecutorService resetter = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (Connection reader = dataSource.getConnection()) {
            reader.setAutoCommit(false);
            try (var statement = reader.createStatement();
                 var count = statement.executeQuery("SELECT COUNT(*) FROM reset_probe_parent")) {
                count.next();
                assertThat(count.getLong(1)).isEqualTo(50L);
            }
            var resetting = resetter.submit(() -> transaction.executeWithoutResult(status -> reset.run()));
            resetting.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(rows()).containsExactly(0L, 0L);
            reader.commit();
        } finally {
            resetter.shutdownNow();
        }
    }

    @Test
    void only_plain_lower_case_table_names_are_emptied() {
        assertThatThrownBy(() -> ReadModelReset.empty(client, "reset_probe_parent; DROP TABLE project"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Not a read-model table name");
        assertThatThrownBy(() -> ReadModelReset.empty(client, "Reset_Probe_Parent"))
                .isInstanceOf(IllegalArgumentException.class);
        ReadModelReset.empty(client, List.of());
        assertThat(rows()).containsExactly(50L, 50L);
    }

    private boolean h2() throws RuntimeException {
        try (Connection connection = dataSource.getConnection()) {
            return "H2".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Long> rows() {
        return TABLES.stream().map(table -> jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class)).toList();
    }
}

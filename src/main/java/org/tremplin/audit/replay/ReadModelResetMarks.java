package org.tremplin.audit.replay;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tremplin.platform.query.ReadModelReset;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The resets under way on H2, where a model's tables are emptied with {@code TRUNCATE} (fast, but each one commits by
 * itself) instead of a {@code DELETE} in the reset's transaction (a minute per 10⁶ events). The replay commits a mark
 * naming the processor and its tables before the first truncation, and removes it in the transaction that resets the
 * processor's tokens: a mark still there means a reset that may have emptied some tables without resetting the
 * tokens. Such a reset is finished (every table of the mark emptied, the tokens set back to the start and unclaimed,
 * the mark removed, in one transaction) when the reset itself fails, and at the next start, before any processor runs
 * (this lifecycle's phase precedes Axon's), when the application stopped in between. An H2 database is used by one
 * application at a time, so no other node can take the processor meanwhile; on PostgreSQL the reset stays one
 * transaction and no mark is written.
 */
@Component
public class ReadModelResetMarks implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReadModelResetMarks.class);
    /** Before Axon's configuration (Integer.MAX_VALUE - 3072), which starts the tracking processors. */
    static final int PHASE = 0;

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private volatile Boolean h2;
    private volatile boolean running;

    public ReadModelResetMarks(DataSource dataSource, PlatformTransactionManager transactions, Clock clock) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** Whether resets truncate (H2) and so go through a mark. */
    public boolean truncates() {
        if (h2 == null) {
            try (Connection connection = dataSource.getConnection()) {
                h2 = "H2".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
            } catch (SQLException e) {
                throw new IllegalStateException("Could not tell the database's product", e);
            }
        }
        return h2;
    }

    /** Marks the processor's reset, in the caller's transaction (to be committed before the reset begins). */
    public void mark(String processor, List<String> tables) {
        jdbc.sql("DELETE FROM read_model_reset_pending WHERE processor_name = ?").param(processor).update();
        jdbc.sql("INSERT INTO read_model_reset_pending (processor_name, tables, requested_at) VALUES (?, ?, ?)")
                .params(processor, String.join(",", tables), OffsetDateTime.now(clock)).update();
    }

    /**
     * Adds these tables to the processor's mark, in the reset's transaction, just before a handler truncates them: a
     * processor's handlers may empty tables that {@code ReadModelTables} does not name, and finishing the reset must
     * empty those too.
     */
    public void cover(String processor, List<String> tables) {
        List<String> marked = tables(processor);
        if (marked.isEmpty()) {
            throw new IllegalStateException("No reset of " + processor + " is marked");
        }
        Set<String> covered = new LinkedHashSet<>(marked);
        if (covered.addAll(tables)) {
            jdbc.sql("UPDATE read_model_reset_pending SET tables = ? WHERE processor_name = ?")
                    .params(String.join(",", covered), processor).update();
        }
    }

    /** The tables the processor's mark names (empty without a mark). */
    public List<String> tables(String processor) {
        return jdbc.sql("SELECT tables FROM read_model_reset_pending WHERE processor_name = ?").param(processor)
                .query(String.class).optional().map(ReadModelResetMarks::split).orElse(List.of());
    }

    private static List<String> split(String tables) {
        return Arrays.stream(tables.split(",")).filter(t -> !t.isBlank()).toList();
    }

    /** Removes the mark, in the transaction that resets the processor's tokens. */
    public void unmark(String processor) {
        jdbc.sql("DELETE FROM read_model_reset_pending WHERE processor_name = ?").param(processor).update();
    }

    /** The processors whose reset is marked and not finished. */
    public List<String> pending() {
        return jdbc.sql("SELECT processor_name FROM read_model_reset_pending ORDER BY processor_name")
                .query(String.class).list();
    }

    /**
     * Finishes the processor's marked reset in one transaction: the tables of the mark emptied, its tokens set back to
     * the start of the store and unclaimed, its dead letters cleared, the mark removed. Nothing is done without a mark; false then.
     */
    public boolean finish(String processor) {
        Boolean finished = transaction.execute(status -> {
            if (pending().stream().noneMatch(processor::equals)) {
                return false;
            }
            List<String> tables = tables(processor);
            ReadModelReset.truncating(covered -> { }, () -> ReadModelReset.empty(jdbc, tables));
            jdbc.sql("UPDATE TokenEntry SET token = NULL, tokenType = NULL, owner = NULL WHERE processorName = ?")
                    .param(processor).update();
            // as a replay's reset does (AxonConfig.ReplaysClearDeadLetters): a letter left over would park its
            // aggregate's events again while the processor rebuilds the model
            jdbc.sql("DELETE FROM DeadLetterEntry WHERE processingGroup = ?").param(processor).update();
            unmark(processor);
            return true;
        });
        if (Boolean.TRUE.equals(finished)) {
            log.warn("Finished the interrupted reset of read model {}: its tables emptied, its processor replays the"
                    + " store from the start", processor);
            return true;
        }
        return false;
    }

    @Override
    public void start() {
        running = true;
        if (!truncates()) {
            return;
        }
        for (String processor : pending()) {
            finish(processor);
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}

package org.tremplin.platform.query;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * On PostgreSQL, the writes of one event handler of a group applied in the step's transaction (decision 11), sent with
 * the handler's savepoint in one round trip: {@code SAVEPOINT …; INSERT …; UPDATE …; RELEASE SAVEPOINT …} as one
 * prepared statement, which the PostgreSQL driver sends as several statements and a single sync. Before, the savepoint
 * and each statement were a round trip of their own (src/docs/performance.md, session 51).
 *
 * <p>Only for a read model that writes through {@link BatchedWrites} alone ({@link OneRoundTripWrites}): its handlers
 * queue their writes here ({@link BatchedWrites#write}), and a statement whose update count the handler needs
 * ({@link BatchedWrites#now}) goes with what is queued. Nothing is sent before the handler writes: a handler that
 * writes nothing costs no round trip at all. PostgreSQL stops at the first statement that fails, so a failure rolls
 * back to the savepoint (sent first), undoing the handler's writes alone, and the step goes on as before: its event is
 * parked in the dead-letter queue ({@link HandlerSavepoints}).
 *
 * <p>Whether the event's sequence already waits in the group's dead-letter queue is asked in the same round trip
 * ({@link RoundTripDeadLetters}): the count of its letters comes after the writes, and the savepoint is then left to
 * the transaction's end (a release would forbid the rollback); when letters wait, the writes are rolled back to the
 * savepoint and the handler fails with {@link ParkedBehind}, so that the event is parked behind them.
 */
final class HandlerRoundTrip {

    /** The resource of the handler's unit of work while it runs. */
    static final String RESOURCE = HandlerRoundTrip.class.getName();
    /** The resource of the event's unit of work: its sequence's letters still to count ({@link ParkedCheck}). */
    static final String PARKED_CHECK = HandlerRoundTrip.class.getName() + ".parkedCheck";
    /** The transaction's resource: whether a handler's savepoint was left open in it. */
    private static final Object LEFT_OPEN = new Object();

    private static final String SAVEPOINT = "tremplin_handler";
    /** Axon's JDBC dead-letter queue's table and columns (its default schema, V1__axon.sql). */
    private static final String LETTERS =
            "SELECT COUNT(*) FROM DeadLetterEntry WHERE processingGroup = ? AND sequenceIdentifier = ?";

    /** An event's sequence to look for in its group's dead-letter queue, as Axon's JDBC queue names it. */
    record ParkedCheck(String group, String sequenceId) {
    }

    /** The event's sequence already waits in the dead-letter queue: the event is parked behind it, not applied. */
    static final class ParkedBehind extends RuntimeException {
        ParkedBehind(ParkedCheck check) {
            super("Earlier events of " + check.sequenceId() + " wait in the dead-letter queue of " + check.group()
                    + ": this one waits behind them, not applied");
        }
    }

    private final JdbcTemplate jdbc;
    private final ParkedCheck check;
    private final StringBuilder sql = new StringBuilder();
    private final List<Object> params = new ArrayList<>();
    private boolean savepointSent;

    /** The round trip of a handler running in this unit of work (the event's). */
    HandlerRoundTrip(JdbcTemplate jdbc, UnitOfWork<?> unitOfWork) {
        this.jdbc = jdbc;
        this.check = unitOfWork.getResource(PARKED_CHECK);
    }

    /** The current handler's round trip, or {@code null} when its writes are executed at once. */
    static HandlerRoundTrip current() {
        return CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().getResource(RESOURCE) : null;
    }

    /** Queues a write until the handler ends or a statement needs its update count. */
    void add(String statement, Object[] values) {
        append(statement);
        params.addAll(Arrays.asList(values));
    }

    /** Sends what is queued with this statement last: its update count. */
    int now(String statement, Object[] values) {
        add(statement, values);
        return send().updated();
    }

    /**
     * The handler ended: what is queued is sent, with the dead-letter question if there is one, and the savepoint
     * released if there is none, in one round trip.
     *
     * @throws ParkedBehind when the event's sequence waits in the dead-letter queue (the writes still to roll back)
     */
    void finish() {
        if (sql.isEmpty() && !savepointSent) {
            // nothing written: no savepoint; the dead-letter question alone, as before
            if (check != null && jdbc.queryForObject(LETTERS, Long.class, check.group(), check.sequenceId()) > 0) {
                throw new ParkedBehind(check);
            }
            return;
        }
        if (check == null) {
            append("RELEASE SAVEPOINT " + SAVEPOINT);
            send();
            savepointSent = false;
            return;
        }
        add(LETTERS, new Object[]{check.group(), check.sequenceId()});
        if (send().letters() > 0) {
            throw new ParkedBehind(check);
        }
        // left open (a release would have forbidden the rollback): the next handler's statement releases it first
        AtomicBoolean leftOpen = leftOpen();
        if (leftOpen != null) {
            leftOpen.set(true);
        }
    }

    /**
     * The handler failed: its writes, if any reached the database, are undone (the transaction usable again, the
     * failing statement having aborted it), and nothing queued is sent.
     */
    void rollback(Throwable failure) {
        sql.setLength(0);
        params.clear();
        if (!savepointSent) {
            return;
        }
        try {
            jdbc.execute("ROLLBACK TO SAVEPOINT " + SAVEPOINT + "; RELEASE SAVEPOINT " + SAVEPOINT);
            savepointSent = false;
            AtomicBoolean leftOpen = leftOpen();
            if (leftOpen != null) {
                leftOpen.set(false);
            }
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private void append(String statement) {
        if (sql.isEmpty() && !savepointSent) {
            // one savepoint of this name at a time in the transaction: PostgreSQL slows every reader's snapshot past
            // 64 open subtransactions, and a step may apply many events
            AtomicBoolean leftOpen = leftOpen();
            if (leftOpen != null && leftOpen.getAndSet(false)) {
                sql.append("RELEASE SAVEPOINT ").append(SAVEPOINT).append(";\n");
            }
            sql.append("SAVEPOINT ").append(SAVEPOINT);
        }
        if (!sql.isEmpty()) {
            sql.append(";\n");
        }
        sql.append(statement);
    }

    /**
     * Whether this transaction has a handler's savepoint left open (bound to the transaction, dropped at its end);
     * {@code null} outside a synchronised transaction, where none is left open for long.
     */
    private static AtomicBoolean leftOpen() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        AtomicBoolean leftOpen = (AtomicBoolean) TransactionSynchronizationManager.getResource(LEFT_OPEN);
        if (leftOpen == null) {
            leftOpen = new AtomicBoolean();
            TransactionSynchronizationManager.bindResource(LEFT_OPEN, leftOpen);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(LEFT_OPEN);
                }
            });
        }
        return leftOpen;
    }

    /** What one round trip answered: the update count of its last write, the count of a query in it. */
    private record Sent(int updated, long letters) {
    }

    /** Sends the queued statements as one. */
    private Sent send() {
        String statements = sql.toString();
        Object[] values = params.toArray();
        sql.setLength(0);
        params.clear();
        // from here on a failure may have left writes of this handler: roll back to the savepoint (sent first)
        savepointSent = true;
        return jdbc.execute((Connection connection) -> connection.prepareStatement(statements),
                (PreparedStatement statement) -> {
                    for (int i = 0; i < values.length; i++) {
                        StatementCreatorUtils.setParameterValue(statement, i + 1, SqlTypeValue.TYPE_UNKNOWN, values[i]);
                    }
                    int updated = -1;
                    long letters = 0;
                    boolean resultSet = statement.execute();
                    while (true) {
                        if (resultSet) {
                            try (ResultSet rows = statement.getResultSet()) {
                                if (rows.next()) {
                                    letters = rows.getLong(1);
                                }
                            }
                        } else {
                            int count = statement.getUpdateCount();
                            if (count == -1) {
                                break;
                            }
                            updated = count;
                        }
                        resultSet = statement.getMoreResults();
                    }
                    return new Sent(updated, letters);
                });
    }
}

package org.tremplin.platform.query;

import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.ResourceHolderSupport;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * Each event handler of a tracking processor runs under a savepoint of the processor's transaction, so that a handler
 * that fails leaves nothing of its own behind and the transaction usable: the dead-letter queue then records the
 * event in that same transaction, and the batch's other events commit.
 *
 * <p>Without it, on PostgreSQL a failing statement aborts the whole transaction ("current transaction is aborted"):
 * the dead-letter queue's own insert failed too, the batch rolled back, and the processor retried the same events
 * forever instead of parking the one that failed (found by {@code ProcessorBatchesPostgresIT}). On H2 the statements
 * the handler had executed before failing stayed, committed with the dead letter.
 *
 * <p>Only where it matters: an {@code @EventHandler} running in a processor's own unit of work (a batch of stored
 * events, a {@link BatchingUnitOfWork} at the root) inside a Spring transaction, whose writes are not queued by
 * {@link BatchedWrites} (a queued write fails when the batch is sent, not in the handler: see {@link LiveBatches}).
 * A group applied in the step's own transaction (decision 11, {@link InStep}) runs each handler under a savepoint too:
 * one that fails is undone alone and its event parked in the dead-letter queue, and the step goes on. The "as of"
 * rebuilds run outside any Spring transaction.
 *
 * <p>On PostgreSQL, a handler of a {@link OneRoundTripWrites} read model in a step's transaction sends its savepoint
 * and its writes in one round trip when it ends ({@link HandlerRoundTrip}); a handler that writes nothing, none.
 *
 * <p>A lone event (a step's, the usual live case, marked {@link LiveBatches#LONE}) runs without a savepoint: it cost
 * a round trip to PostgreSQL in the processor's transaction, on the way of every write's read-your-writes wait, for a
 * failure that should not happen (src/docs/performance.md, session 38). A handler that fails there marks the
 * transaction rollback-only: the dead-letter queue's insert, if it gets that far (H2 keeps the transaction usable,
 * with the handler's half-done rows), is rolled back with everything else, the processor suspends its marks
 * ({@link LiveBatches}), and Axon's retry of the same event runs the handler under a savepoint and parks it. Without
 * {@link LiveBatches} (batched writes switched off), a lone event's savepoint is left to the transaction's end, which
 * releases every savepoint: a {@code RELEASE SAVEPOINT} changes nothing a reader or a later rollback sees (a savepoint
 * released early can no longer be rolled back to, and none is), and cost a round trip of its own (session 33). A
 * batch of several events handled statement by statement (for a minute after a batch rolled back) still releases
 * each: PostgreSQL keeps up to 64 open subtransactions of a transaction in shared memory and slows every reader's
 * snapshot past that.
 */
@Component
public class HandlerSavepoints implements HandlerEnhancerDefinition {

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    /** Whether the database is PostgreSQL (null until the first in-step handler asks). */
    private volatile Boolean postgres;

    public HandlerSavepoints(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!original.hasAnnotation(EventHandler.class)) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                boolean inStep = InStep.current();
                if (inStep && target instanceof OneRoundTripWrites && onPostgres()) {
                    return inOneRoundTrip(message, target);
                }
                // a step's own events through an in-step group's handlers: always under a savepoint (decision 11)
                Object batched = inStep ? NOT_MARKED : processorBatch();
                // a lone event without a savepoint only where its failure can mark the transaction (else as below)
                ResourceHolderSupport transaction = batched == LiveBatches.LONE ? transaction() : null;
                if (transaction != null) {
                    try {
                        return super.handle(message, target);
                    } catch (Exception | Error failure) {
                        transaction.setRollbackOnly();
                        throw failure;
                    }
                }
                if (!underSavepoint(batched)) {
                    return super.handle(message, target);
                }
                // the transaction's own connection (bound to it; handed back below, closed with the transaction)
                Connection connection = DataSourceUtils.getConnection(dataSource);
                try {
                    Savepoint savepoint = connection.setSavepoint();
                    Object result;
                    try {
                        result = super.handle(message, target);
                    } catch (Exception | Error failure) {
                        try {
                            connection.rollback(savepoint);
                        } catch (SQLException e) {
                            failure.addSuppressed(e);
                        }
                        throw failure;
                    }
                    if (!loneEvent()) {
                        connection.releaseSavepoint(savepoint);
                    }
                    return result;
                } finally {
                    DataSourceUtils.releaseConnection(connection, dataSource);
                }
            }

            /** The handler's savepoint and writes in one round trip, sent when it ends (PostgreSQL). */
            private Object inOneRoundTrip(Message<?> message, T target) throws Exception {
                UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
                HandlerRoundTrip roundTrip = new HandlerRoundTrip(jdbc, unitOfWork);
                unitOfWork.resources().put(HandlerRoundTrip.RESOURCE, roundTrip);
                try {
                    Object result = super.handle(message, target);
                    roundTrip.finish();
                    return result;
                } catch (Exception | Error failure) {
                    roundTrip.rollback(failure);
                    throw failure;
                } finally {
                    unitOfWork.resources().remove(HandlerRoundTrip.RESOURCE);
                }
            }
        };
    }

    /**
     * Whether the database is PostgreSQL (asked once), where a {@link OneRoundTripWrites} handler in a step takes the
     * one-round-trip path; {@link RoundTripDeadLetters} defers the dead-letter question on the same answer.
     */
    public boolean onPostgres() {
        Boolean known = postgres;
        if (known == null) {
            known = Boolean.TRUE.equals(jdbc.execute((java.sql.Connection connection) ->
                    "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())));
            postgres = known;
        }
        return known;
    }

    /** A processor's batch of one event, or a step with one event for an in-step group: its savepoint is left open. */
    private static boolean loneEvent() {
        UnitOfWork<?> unitOfWork = InStep.current() ? CurrentUnitOfWork.get() : CurrentUnitOfWork.get().root();
        return unitOfWork instanceof BatchingUnitOfWork<?> batch && batch.getMessages().size() == 1;
    }

    /** A processor's batch that nothing marked (no {@link LiveBatches}): every handler under a savepoint. */
    private static final Object NOT_MARKED = new Object();

    /**
     * The mark of the processor's batch this handler runs in ({@link BatchedWrites#BATCHED}; {@link #NOT_MARKED} if it
     * has none), {@code null} outside a processor's batch in a Spring transaction.
     */
    private static Object processorBatch() {
        if (!CurrentUnitOfWork.isStarted() || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        if (!(root instanceof BatchingUnitOfWork<?>)) {
            return null;
        }
        return root.resources().getOrDefault(BatchedWrites.BATCHED, NOT_MARKED);
    }

    private static boolean underSavepoint(Object batched) {
        return batched != null && !Boolean.TRUE.equals(batched) && batched != LiveBatches.MARK;
    }

    /**
     * The holder of the transaction this handler runs in, through which it can be marked rollback-only (its commit
     * then rolls back and fails); {@code null} if the transaction manager binds none for this data source.
     */
    private ResourceHolderSupport transaction() {
        return TransactionSynchronizationManager.getResource(dataSource) instanceof ResourceHolderSupport holder
                ? holder : null;
    }
}

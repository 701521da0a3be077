package org.tremplin.platform.query;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.time.Duration;

/**
 * Lets a tracking processor's batch of several stored events send its read model's writes as JDBC batches
 * ({@link BatchedWrites}), as a replay's batches do. One instance per processor, on its handler interceptors: it marks
 * the batch's unit of work when the batch holds more than one event (a processor catching up; a lone step's events
 * are handled one statement at a time, as before) and no replay marked it already.
 *
 * <p>A queued statement that fails is sent when the batch prepares its commit, outside any handler: the dead-letter
 * queue cannot pin it on one event, and the whole batch rolls back. So a marked batch that rolls back, whatever the
 * cause, <b>suspends</b> the marking for that processor for {@link #SUSPENSION}: Axon retries the same events, their
 * statements executed at once, and a handler failing on one of them is parked alone in the dead-letter queue while
 * the others commit.
 *
 * <p>A lone event (a step's, the usual live case) is marked {@link #LONE}: its handlers run without a savepoint
 * ({@link HandlerSavepoints}), and one that fails marks the transaction rollback-only, so that the batch rolls back
 * whole and suspends this processor's marking in the same way; Axon's retry of that event then runs each handler
 * under a savepoint, and the failing one is parked. A savepoint is a round trip to PostgreSQL in every step's
 * read-your-writes wait, for a failure that should not happen (src/docs/performance.md, session 38).
 */
public final class LiveBatches implements MessageHandlerInterceptor<EventMessage<?>> {

    /** How long a processor's batches run statement by statement after a batched one rolled back. */
    public static final Duration SUSPENSION = Duration.ofMinutes(1);

    /** The value of {@link BatchedWrites#BATCHED} on a processor's own batch. */
    static final Object MARK = new Object() {
        @Override
        public String toString() {
            return "a processor's batch of stored events";
        }
    };

    /** The value of {@link BatchedWrites#BATCHED} on a processor's batch of one event, while not suspended. */
    static final Object LONE = new Object() {
        @Override
        public String toString() {
            return "a processor's batch of one stored event";
        }
    };

    private volatile boolean suspended;
    private volatile long suspendedUntilNanos;

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        UnitOfWork<?> root = unitOfWork.root();
        // Decided once per batch, at its first event: Axon's getMessages() copies the batch's whole list, and asking
        // it for every event made a batch of n events cost n² (a replay's batch holds some 2,000 events per segment of
        // `funding`: 17 % of its threads' samples, src/docs/performance.md, session 19). A batch a replay marked, or one
        // decided already, is left as it is.
        if (root instanceof BatchingUnitOfWork<?> batch && !root.resources().containsKey(BatchedWrites.BATCHED)) {
            if (suspended()) {
                root.resources().put(BatchedWrites.BATCHED, Boolean.FALSE);
            } else {
                root.resources().put(BatchedWrites.BATCHED, batch.getMessages().size() > 1 ? MARK : LONE);
                root.onRollback(rolledBack -> suspend());
            }
        }
        return interceptorChain.proceed();
    }

    /**
     * Whether this processor's batches run statement by statement, each handler under a savepoint, now (a batch of
     * its rolled back lately).
     */
    public boolean suspended() {
        return suspended && System.nanoTime() - suspendedUntilNanos < 0;
    }

    private void suspend() {
        suspendedUntilNanos = System.nanoTime() + SUSPENSION.toNanos();
        suspended = true;
    }
}

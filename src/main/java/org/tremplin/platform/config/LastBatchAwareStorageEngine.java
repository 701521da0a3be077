package org.tremplin.platform.config;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Axon's JDBC storage engine, except that two reads end at the first batch smaller than the batch size instead of
 * reading once more to get an empty one.
 *
 * <ul>
 *   <li><b>The event store's shared reader</b> (the one stream read with {@code mayBlock}, which the tracking processors
 *   tail). Woken after each step's commit, it read until its stream ended and then, because it had found events, once
 *   more before it slept: three reads, each its own transaction, for every step, the last two empty. Ending the
 *   stream at a batch smaller than the batch size (everything stored after the position when it was read) leaves the
 *   one read after it: two reads a step. Nothing is missed: events committed on this node meanwhile wake the reader
 *   again, and those of other nodes are found at its next poll, as before; a batch smaller than the batch size because
 *   of gaps is followed by that read from its last event. Other streams (the read-model replay, a processor's private
 *   stream while it catches up) still read until an empty batch.</li>
 *   <li><b>An aggregate's events</b>, read before each command: Axon's JDBC engine reads them until an empty batch,
 *   for stores whose sequence numbers may have holes. An aggregate's sequence numbers here have none (Axon numbers
 *   them and the unique key on the aggregate and sequence number refuses a second writer; events are never deleted),
 *   so the window of sequence numbers Axon reads holds fewer events than the batch size only at the aggregate's
 *   end: one read a command instead of two.</li>
 * </ul>
 *
 * <p>The shared reader also skips the read Axon's event store makes right after one that found events: its reader
 * reads again at once whenever a read found something, to see whether more came meanwhile. Here more came meanwhile
 * only if a step committed on this node since the read began ({@link #committedLocally()}, called by the event store
 * after each commit, before it wakes the reader), so without such a commit that read is answered empty without a
 * statement: one read a step instead of two. Events of other nodes are found at the reader's next poll, as they were
 * whenever that extra read came too early for them.
 *
 * <p>The next events after a token are read outside any transaction (each statement on its own, with the
 * connection's auto-commit), rather than in one Axon opens for each read: a read is one statement (two when Axon
 * cleans a token's old gaps first, which need not see the same snapshot), so the transaction added a {@code BEGIN}
 * and a {@code COMMIT} around it, and the reader handed the events on only after the {@code COMMIT}. Inside a
 * transaction already (none of the application's reads are) a read joins it, as before. Every other operation of
 * the engine (appending events, an aggregate's events, tokens) runs in a transaction as before.
 *
 * <p>A token keeps the holes below an event as gaps whatever the event's age: they are dropped only when
 * {@link #MAX_GAP_OFFSET} newer indexes pass. Axon's engine keeps them only for an event younger than its gap timeout
 * (60 s by default, 24.8 days at most), so a replay, reading old events, computed tokens without the holes that the
 * live reader's tokens kept; the embedded event store finds a processor's place in its cache by token equality, never
 * took the replayed processors back, and each write then waited about a second (src/docs/performance.md, sessions 27
 * and 28). Every reader of the same events now computes the same tokens.
 *
 * <p>It also reads no snapshot. Axon's event store asks for an aggregate's latest snapshot before reading its events,
 * one statement before every command; no aggregate here takes snapshots (none declares a snapshot trigger), so the
 * answer was always empty. Without a snapshot an aggregate is rebuilt from all its events, which are never deleted:
 * a snapshot row, were one ever stored, would be ignored, never wrong.
 */
final class LastBatchAwareStorageEngine extends JdbcEventStorageEngine {

    /** Indexes after which a token forgets a gap (Axon's default, set on the builder with this constant). */
    static final int MAX_GAP_OFFSET = 10_000;
    /** The first global index the store hands out (Axon's default, set on the builder with this constant). */
    static final long LOWEST_GLOBAL_SEQUENCE = 1;

    /** Set while the next events after a token are read: the engine's transaction manager then opens none. */
    private static final ThreadLocal<Boolean> TRACKED_READ = new ThreadLocal<>();

    /** Steps committed on this node so far (see {@link #committedLocally()}). */
    private final AtomicLong localCommits = new AtomicLong();
    /** The shared reader's last read, when it found events and ended at a batch smaller than the batch size. */
    private volatile ShortRead lastShortRead;

    /**
     * @param builder            Axon's builder, every setting but the transaction manager
     * @param transactionManager the transaction manager of every operation but the next events' reads
     */
    LastBatchAwareStorageEngine(JdbcEventStorageEngine.Builder builder, TransactionManager transactionManager) {
        super(builder.transactionManager(new TrackedReadsOutsideTransactions(transactionManager)));
    }

    /**
     * Tells the shared reader that events were committed on this node: its next read queries the store even right
     * after a read that found events. Called after the database committed them, before the reader is woken.
     */
    void committedLocally() {
        localCommits.incrementAndGet();
    }

    /** How many times events were committed on this node so far. */
    long localCommits() {
        return localCommits.get();
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        if (Boolean.TRUE.equals(TRACKED_READ.get())) {
            return super.fetchTrackedEvents(lastToken, batchSize);
        }
        TRACKED_READ.set(Boolean.TRUE);
        try {
            return super.fetchTrackedEvents(lastToken, batchSize);
        } finally {
            TRACKED_READ.remove();
        }
    }

    /**
     * The event with the token Axon computes for a young event, whatever the event's age: the holes between the
     * previous token's position and this event stay gaps (see the class comment).
     */
    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        TrackedEventData<?> read = super.getTrackedEventData(resultSet, previousToken);
        long index = resultSet.getLong(schema().globalIndexColumn());
        GapAwareTrackingToken token = previousToken != null ? previousToken.advanceTo(index, MAX_GAP_OFFSET)
                // a first token: the holes before the first event, at most the last MAX_GAP_OFFSET of them
                : GapAwareTrackingToken.newInstance(index, LongStream.range(
                                Math.min(index, Math.max(LOWEST_GLOBAL_SEQUENCE, index - MAX_GAP_OFFSET)), index)
                        .boxed().collect(Collectors.toCollection(TreeSet::new)));
        // the gaps compared, not the tokens: a token's equality ignores the gaps below either token's truncation point
        return token.getGaps().equals(((GapAwareTrackingToken) read.trackingToken()).getGaps()) ? read
                : new TrackedDomainEventData<>(token, (DomainEventData<?>) read);
    }

    /** An aggregate's read ends at a batch smaller than the batch size (Axon's default; its JDBC engine says true). */
    @Override
    protected boolean fetchForAggregateUntilEmpty() {
        return false;
    }

    /** No snapshot is looked for: an aggregate is read from its first event (see the class comment). */
    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return Stream.empty();
    }

    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        if (!mayBlock) {
            return super.readEventData(trackingToken, false);
        }
        long commitsBefore = localCommits.get();
        ShortRead previous = lastShortRead;
        lastShortRead = null;
        if (previous != null && previous.commitsBefore() == commitsBefore && Objects.equals(previous.end(), trackingToken)) {
            // the event store's read again right after one that found events, and no step committed here since
            return Stream.empty();
        }
        return StreamSupport.stream(new Spliterators.AbstractSpliterator<TrackedEventData<?>>(Long.MAX_VALUE,
                Spliterator.NONNULL | Spliterator.ORDERED | Spliterator.DISTINCT) {
            private TrackingToken position = trackingToken;
            private Iterator<? extends TrackedEventData<?>> batch;
            private boolean lastBatch;

            @Override
            public boolean tryAdvance(Consumer<? super TrackedEventData<?>> action) {
                if (batch == null || !batch.hasNext()) {
                    if (lastBatch) {
                        return false;
                    }
                    long commits = localCommits.get();
                    List<? extends TrackedEventData<?>> events = fetchTrackedEvents(position, batchSize());
                    lastBatch = events.size() < batchSize();
                    batch = events.iterator();
                    if (!batch.hasNext()) {
                        return false;
                    }
                    if (lastBatch) {
                        lastShortRead = new ShortRead(events.get(events.size() - 1).trackingToken(), commits);
                    }
                }
                TrackedEventData<?> event = batch.next();
                position = event.trackingToken();
                action.accept(event);
                return true;
            }
        }, false);
    }

    /**
     * A read of the shared reader that found events and ended below the batch size: where it ended, and how many
     * steps had committed on this node when its statement was sent (any committed later may not be in it).
     */
    private record ShortRead(TrackingToken end, long commitsBefore) {
    }

    /**
     * The engine's transaction manager: the given one, except while the next events after a token are read, when
     * it opens no transaction (the statements run with auto-commit, or join a transaction already open).
     */
    private record TrackedReadsOutsideTransactions(TransactionManager delegate) implements TransactionManager {

        @Override
        public Transaction startTransaction() {
            if (Boolean.TRUE.equals(TRACKED_READ.get())) {
                return NO_TRANSACTION;
            }
            return delegate.startTransaction();
        }

        private static final Transaction NO_TRANSACTION = new Transaction() {
            @Override
            public void commit() {
            }

            @Override
            public void rollback() {
            }
        };
    }
}

package org.tremplin.platform.config;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
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
 * <p>It also reads no snapshot. Axon's event store asks for an aggregate's latest snapshot before reading its events,
 * one statement before every command; no aggregate here takes snapshots (none declares a snapshot trigger), so the
 * answer was always empty. Without a snapshot an aggregate is rebuilt from all its events, which are never deleted:
 * a snapshot row, were one ever stored, would be ignored, never wrong.
 */
final class LastBatchAwareStorageEngine extends JdbcEventStorageEngine {

    LastBatchAwareStorageEngine(JdbcEventStorageEngine.Builder builder) {
        super(builder);
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
                    List<? extends TrackedEventData<?>> events = fetchTrackedEvents(position, batchSize());
                    lastBatch = events.size() < batchSize();
                    batch = events.iterator();
                    if (!batch.hasNext()) {
                        return false;
                    }
                }
                TrackedEventData<?> event = batch.next();
                position = event.trackingToken();
                action.accept(event);
                return true;
            }
        }, false);
    }
}

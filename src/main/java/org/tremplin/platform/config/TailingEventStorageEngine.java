package org.tremplin.platform.config;

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
 * Axon's JDBC storage engine, except that the event store's shared reader (the one stream read with {@code mayBlock},
 * which the tracking processors tail) ends its read at the first batch smaller than the batch size instead of reading
 * once more to get an empty one.
 *
 * <p>The embedded event store's reader, woken after each step's commit, reads until its stream ends and then, because
 * it found events, reads once more before it sleeps: three reads, each its own transaction, for every step, where the
 * last two are empty. Ending the stream at a batch smaller than the batch size (everything stored after the position
 * when it was read) leaves the one read after it: two reads a step. Nothing is missed: events committed on this node
 * meanwhile wake the reader again, and those of other nodes are found at its next poll, as before; a batch smaller
 * than the batch size because of gaps is followed by that read from its last event. Other streams (the read-model
 * replay, a processor's private stream while it catches up) still read until an empty batch.
 */
final class TailingEventStorageEngine extends JdbcEventStorageEngine {

    TailingEventStorageEngine(JdbcEventStorageEngine.Builder builder) {
        super(builder);
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

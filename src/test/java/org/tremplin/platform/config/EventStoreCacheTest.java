package org.tremplin.platform.config;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.util.ReflectionTestUtils;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The event store keeps only the newest {@code tremplin.event-store.cached-events} events in memory: a reader further
 * behind than that still gets every event once, in order (from the store, on a stream of its own), and so does a
 * reader at the head as events keep coming. The events it drops from the cache are unlinked from the next ones as
 * they are dropped ({@link DroppedEventsUnlinker}), which no reader notices.
 */
class EventStoreCacheTest {

    private final Configuration configuration = DefaultConfigurer.defaultConfiguration().buildConfiguration();
    private EventStore store;

    @AfterEach
    void shutDown() {
        if (store instanceof AxonConfig.AfterCommitWakingEventStore embedded) {
            embedded.shutDown();
        }
    }

    @Test
    void a_reader_further_behind_than_the_cache_and_one_at_the_head_each_get_every_event_once_in_order() throws Exception {
        store = new AxonConfig().eventStore(new InMemoryEventStorageEngine(), configuration, Duration.ofMillis(10), 3);
        assertThat(ReflectionTestUtils.getField(ReflectionTestUtils.getField(store, "producer"), "cachedEvents"))
                .as("events kept in memory").isEqualTo(3);
        publish(0, 20);
        try (BlockingStream<TrackedEventMessage<?>> behind = store.openStream(null)) {
            List<Object> read = new ArrayList<>(take(behind, 10)); // the first ten, long out of the cache
            try (BlockingStream<TrackedEventMessage<?>> head = store.openStream(store.createHeadToken())) {
                publish(20, 40);
                assertThat(take(head, 20)).as("the reader at the head").containsExactlyElementsOf(payloads(20, 40));
                read.addAll(take(behind, 30));
                assertThat(read).as("the reader from the beginning").containsExactlyElementsOf(payloads(0, 40));
                assertThat(behind.hasNextAvailable(200, TimeUnit.MILLISECONDS)).as("nothing more, nothing twice").isFalse();
                assertThat(head.hasNextAvailable(200, TimeUnit.MILLISECONDS)).as("nothing more, nothing twice").isFalse();
            }
        }
    }

    @Test
    void the_events_dropped_from_the_cache_are_unlinked_and_every_reader_still_gets_every_event_once_in_order()
            throws Exception {
        AxonConfig.AfterCommitWakingEventStore embedded = unlinkingStore(3);
        assertThat(DroppedEventsUnlinker.active()).as("this Axon's store has the fields the unlinker cuts").isTrue();
        publish(0, 10);
        try (BlockingStream<TrackedEventMessage<?>> behind = store.openStream(null);
             BlockingStream<TrackedEventMessage<?>> head = store.openStream(store.createHeadToken())) {
            List<Object> fromTheStart = new ArrayList<>(take(behind, 5));
            List<Object> fromTheHead = new ArrayList<>();
            Object firstCached = null;
            for (int batch = 1; batch <= 5; batch++) {
                // nothing new: the reader leaves its stream of its own for the cache, which the store fills for it
                assertThat(head.hasNextAvailable(50, TimeUnit.MILLISECONDS)).as("nothing yet").isFalse();
                publish(batch * 10, batch * 10 + 10);
                // the store puts the batch in its cache on its own thread, for the reader still waiting on the cache
                Object oldest = cachedWhenNewestIs("event " + (batch * 10 + 9));
                if (batch == 1) {
                    firstCached = oldest;
                }
                fromTheHead.addAll(take(head, 10)); // its first seven have left the cache: read from the store
            }
            fromTheStart.addAll(take(behind, 55));
            assertThat(fromTheHead).as("the reader at the head").containsExactlyElementsOf(payloads(10, 60));
            assertThat(fromTheStart).as("the reader from the beginning").containsExactlyElementsOf(payloads(0, 60));
            assertThat(head.hasNextAvailable(200, TimeUnit.MILLISECONDS)).as("nothing more, nothing twice").isFalse();
            assertThat(behind.hasNextAvailable(200, TimeUnit.MILLISECONDS)).as("nothing more, nothing twice").isFalse();

            // the oldest of the first events cached, dropped by the next batch, links to nothing; the three cached still
            // link oldest to newest
            assertThat(ReflectionTestUtils.getField(firstCached, "next")).as("a dropped event's link").isNull();
            List<Object> cached = new ArrayList<>();
            for (Object node = ReflectionTestUtils.getField(store, "oldest"); node != null;
                 node = ReflectionTestUtils.getField(node, "next")) {
                cached.add(((TrackedEventMessage<?>) ReflectionTestUtils.getField(node, "event")).getPayload());
            }
            // (where the cache ends depends on when the reader last read it: the store fills it only for readers of it)
            assertThat(cached).as("the cache, linked").hasSize(3);
            int first = Integer.parseInt(cached.get(0).toString().substring("event ".length()));
            assertThat(cached).as("the cache, linked").containsExactlyElementsOf(payloads(first, first + 3));
            assertThat(embedded.unlinker().cut()).as("dropped events unlinked").isPositive();
        }
    }

    @Test
    void readers_at_the_head_get_every_event_once_in_order_while_dropped_events_are_unlinked_under_them()
            throws Exception {
        AxonConfig.AfterCommitWakingEventStore embedded = unlinkingStore(5);
        int events = 3000;
        ExecutorService readers = Executors.newFixedThreadPool(3);
        try {
            List<BlockingStream<TrackedEventMessage<?>>> streams = new ArrayList<>();
            List<Future<List<Object>>> reads = new ArrayList<>();
            AtomicInteger[] readSoFar = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
            for (int i = 0; i < 3; i++) {
                BlockingStream<TrackedEventMessage<?>> stream = store.openStream(store.createHeadToken());
                streams.add(stream);
                boolean slow = i == 2; // one reader dawdles, so that it keeps falling behind the cache and coming back
                AtomicInteger progress = readSoFar[i];
                reads.add(readers.submit(() -> {
                    List<Object> taken = new ArrayList<>();
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    while (taken.size() < events && System.nanoTime() < deadline) {
                        if (stream.hasNextAvailable(10, TimeUnit.MILLISECONDS)) {
                            taken.add(stream.nextAvailable().getPayload());
                            progress.set(taken.size());
                            if (slow && ThreadLocalRandom.current().nextInt(50) == 0) {
                                Thread.sleep(1);
                            }
                        }
                    }
                    return taken;
                }));
            }
            for (int published = 0, batches = 1; published < events; batches++) {
                int batch = Math.min(events - published, 1 + ThreadLocalRandom.current().nextInt(20));
                publish(published, published + batch);
                published += batch;
                if (batches % 10 != 0) {
                    // the two others catch up, so that they are back on the cache, which the store then keeps filling;
                    // every tenth batch comes at once after the one before, a burst that leaves the slow one behind it
                    for (long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                         (readSoFar[0].get() < published || readSoFar[1].get() < published) && System.nanoTime() < until; ) {
                        Thread.onSpinWait();
                    }
                }
            }
            for (Future<List<Object>> read : reads) {
                assertThat(read.get(60, TimeUnit.SECONDS)).as("a reader at the head")
                        .containsExactlyElementsOf(payloads(0, events));
            }
            streams.forEach(BlockingStream::close);
            // how many depends on how often the readers were on the cache when the store read a batch (1,428–2,995 alone,
            // 44 with the machine busy): the cuts themselves are checked in the test above
            assertThat(embedded.unlinker().cut()).as("dropped events unlinked under the readers").isPositive();
        } finally {
            readers.shutdownNow();
        }
    }

    @Test
    void a_cache_of_no_event_is_refused_naming_the_setting() {
        for (int refused : new int[]{0, -1}) {
            assertThatThrownBy(() -> new AxonConfig().eventStore(new InMemoryEventStorageEngine(), configuration,
                    Duration.ofMillis(10), refused))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("tremplin.event-store.cached-events must be at least 1")
                    .hasMessageContaining(Integer.toString(refused));
        }
    }

    /** The application's store with a cache of the given size, whose shared read tells its unlinker after each event. */
    private AxonConfig.AfterCommitWakingEventStore unlinkingStore(int cachedEvents) {
        UnlinkingEngine engine = new UnlinkingEngine();
        AxonConfig.AfterCommitWakingEventStore embedded = (AxonConfig.AfterCommitWakingEventStore)
                new AxonConfig().eventStore(engine, configuration, Duration.ofMillis(10), cachedEvents);
        store = embedded;
        engine.afterEach = embedded.unlinker()::unlinkDropped;
        return embedded;
    }

    /** The cache's oldest node once its newest holds the given payload (the store fills its cache on its own thread). */
    private Object cachedWhenNewestIs(String payload) throws InterruptedException {
        Object producer = ReflectionTestUtils.getField(store, "producer");
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5); System.nanoTime() < deadline; ) {
            Object newest = ReflectionTestUtils.getField(producer, "newest");
            if (newest != null
                    && payload.equals(((TrackedEventMessage<?>) ReflectionTestUtils.getField(newest, "event")).getPayload())) {
                return ReflectionTestUtils.getField(store, "oldest");
            }
            Thread.sleep(1);
        }
        throw new AssertionError("the store's cache never reached " + payload);
    }

    /**
     * Axon's in-memory engine telling a listener after each event of the store's shared read, once the store has put it
     * in its cache (what {@link LastBatchAwareStorageEngine#afterSharedRead} does over the database).
     */
    private static final class UnlinkingEngine extends InMemoryEventStorageEngine {

        private volatile Runnable afterEach = () -> { };

        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
            Stream<? extends TrackedEventMessage<?>> events = super.readEvents(trackingToken, mayBlock);
            if (!mayBlock) {
                return events;
            }
            Spliterator<? extends TrackedEventMessage<?>> source = events.spliterator();
            return StreamSupport.stream(new Spliterators.AbstractSpliterator<TrackedEventMessage<?>>(Long.MAX_VALUE,
                    Spliterator.ORDERED) {
                @Override
                public boolean tryAdvance(Consumer<? super TrackedEventMessage<?>> action) {
                    return source.tryAdvance(event -> {
                        action.accept(event);
                        afterEach.run();
                    });
                }
            }, false).onClose(events::close);
        }
    }

    private void publish(int from, int to) {
        IntStream.range(from, to).forEach(i -> store.publish(GenericEventMessage.asEventMessage("event " + i)));
    }

    private static List<Object> payloads(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> (Object) ("event " + i)).toList();
    }

    /**
     * Up to {@code count} events, asking again until five seconds passed, as a tracking processor does: Axon's consumer
     * may answer "nothing yet" when it finds its place gone from the cache, and reads the store at the next question.
     */
    private static List<Object> take(BlockingStream<TrackedEventMessage<?>> stream, int count) throws InterruptedException {
        List<Object> taken = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (taken.size() < count && System.nanoTime() < deadline) {
            if (stream.hasNextAvailable(10, TimeUnit.MILLISECONDS)) {
                taken.add(stream.nextAvailable().getPayload());
            }
        }
        return taken;
    }
}

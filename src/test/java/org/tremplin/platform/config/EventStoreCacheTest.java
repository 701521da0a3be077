package org.tremplin.platform.config;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.util.ReflectionTestUtils;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The event store keeps only the newest {@code tremplin.event-store.cached-events} events in memory: a reader further
 * behind than that still gets every event once, in order (from the store, on a stream of its own), and so does a
 * reader at the head as events keep coming.
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
    void a_cache_of_no_event_is_refused_naming_the_setting() {
        for (int refused : new int[]{0, -1}) {
            assertThatThrownBy(() -> new AxonConfig().eventStore(new InMemoryEventStorageEngine(), configuration,
                    Duration.ofMillis(10), refused))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("tremplin.event-store.cached-events must be at least 1")
                    .hasMessageContaining(Integer.toString(refused));
        }
    }

    private void publish(int from, int to) {
        IntStream.range(from, to).forEach(i -> store.publish(GenericEventMessage.asEventMessage("event " + i)));
    }

    private static List<Object> payloads(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> (Object) ("event " + i)).toList();
    }

    private static List<Object> take(BlockingStream<TrackedEventMessage<?>> stream, int count) throws InterruptedException {
        List<Object> taken = new ArrayList<>();
        while (taken.size() < count && stream.hasNextAvailable(5, TimeUnit.SECONDS)) {
            taken.add(stream.nextAvailable().getPayload());
        }
        return taken;
    }
}

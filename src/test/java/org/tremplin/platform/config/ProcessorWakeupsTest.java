package org.tremplin.platform.config;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A processor's stream sleeps on a signal of its own and is woken by the events the shared reader delivers that its
 * processor has a handler for; otherwise it looks at the store's consumer again only after its longest sleep.
 */
class ProcessorWakeupsTest {

    /** Longer than any test here: a stream that returns early was woken by a delivered event. */
    private static final Duration NEVER = Duration.ofHours(1);

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    record Idea(String title) {
    }

    record Invoice(String number) {
    }

    /** The store's consumer as a processor's stream sees it: events become available, and every look is counted. */
    static class ConsumerStub implements BlockingStream<TrackedEventMessage<?>> {
        final AtomicBoolean available = new AtomicBoolean();
        final AtomicInteger looks = new AtomicInteger();
        final List<Integer> timeouts = new CopyOnWriteArrayList<>();
        volatile boolean closed;

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.empty();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) {
            looks.incrementAndGet();
            timeouts.add(timeout);
            return available.get();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    static StreamableMessageSource<TrackedEventMessage<?>> source(ConsumerStub consumer) {
        return new StreamableMessageSource<>() {
            @Override
            public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
                return consumer;
            }
        };
    }

    static TrackedEventMessage<?> delivered(Object payload, long index) {
        return new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(index), GenericEventMessage.asEventMessage(payload));
    }

    @Test
    void a_sleeping_stream_is_woken_by_an_event_its_processor_handles() throws Exception {
        ProcessorWakeups wakeups = new ProcessorWakeups(NEVER);
        ConsumerStub consumer = new ConsumerStub();
        BlockingStream<TrackedEventMessage<?>> stream = projectsStream(wakeups, consumer);

        Future<Boolean> waiting = threads.submit(() -> stream.hasNextAvailable(1, TimeUnit.HOURS));
        awaitLooks(consumer, 1);
        Thread.sleep(200);
        assertThat(waiting).as("asleep until a signal").isNotDone();
        assertThat(consumer.looks.get()).as("one look, no polling").isEqualTo(1);

        consumer.available.set(true);
        wakeups.delivered(delivered(new Idea("Hydrogène vert"), 1));

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(consumer.timeouts).as("the store's consumer is never asked to wait (its wait is the shared line)")
                .containsOnly(0);
    }

    @Test
    void a_stream_whose_processor_has_no_handler_for_the_event_is_not_woken_and_finds_it_at_its_next_look() throws Exception {
        ProcessorWakeups wakeups = new ProcessorWakeups(NEVER);
        ConsumerStub projects = new ConsumerStub();
        ConsumerStub invoices = new ConsumerStub();
        BlockingStream<TrackedEventMessage<?>> projectsStream = wakeups.wrap("projects", Idea.class::equals, source(projects))
                .openStream(null);
        BlockingStream<TrackedEventMessage<?>> invoicesStream = wakeups.wrap("invoices", Invoice.class::equals, source(invoices))
                .openStream(null);
        Future<Boolean> projectsWaiting = threads.submit(() -> projectsStream.hasNextAvailable(1, TimeUnit.HOURS));
        Future<Boolean> invoicesWaiting = threads.submit(() -> invoicesStream.hasNextAvailable(1, TimeUnit.HOURS));
        awaitLooks(projects, 1);
        awaitLooks(invoices, 1);

        // the idea is in the store's cache for both; only the processor with a handler for it is woken
        projects.available.set(true);
        invoices.available.set(true);
        wakeups.delivered(delivered(new Idea("Batteries solides"), 7));

        assertThat(projectsWaiting.get(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(200);
        assertThat(invoicesWaiting).as("not woken by an idea").isNotDone();
        assertThat(invoices.looks.get()).isEqualTo(1);

        // an invoice wakes it, and it moves past the idea too
        wakeups.delivered(delivered(new Invoice("F-2026-12"), 8));
        assertThat(invoicesWaiting.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void a_wake_up_between_the_look_and_the_sleep_is_not_lost() throws Exception {
        ProcessorWakeups wakeups = new ProcessorWakeups(NEVER);
        ConsumerStub consumer = new ConsumerStub() {
            @Override
            public boolean hasNextAvailable(int timeout, TimeUnit unit) {
                boolean answer = super.hasNextAvailable(timeout, unit);
                if (looks.get() == 1) {
                    // the shared reader delivers right after the stream looked and found nothing, before it sleeps
                    available.set(true);
                    wakeups.delivered(delivered(new Idea("Capteurs"), 3));
                }
                return answer;
            }
        };
        BlockingStream<TrackedEventMessage<?>> stream = projectsStream(wakeups, consumer);
        Future<Boolean> waiting = threads.submit(() -> stream.hasNextAvailable(1, TimeUnit.HOURS));
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(consumer.looks.get()).isEqualTo(2);
    }

    @Test
    void unsignalled_a_stream_looks_again_after_its_longest_sleep_and_answers_no_at_its_timeout() throws Exception {
        ProcessorWakeups wakeups = new ProcessorWakeups(Duration.ofMillis(20));
        ConsumerStub consumer = new ConsumerStub();
        BlockingStream<TrackedEventMessage<?>> stream = projectsStream(wakeups, consumer);

        assertThat(stream.hasNextAvailable(300, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(consumer.looks.get()).as("looked again every 20 ms at most").isGreaterThan(3);

        // an event not signalled to it (its processor has no handler for it) is still seen, at its next look
        consumer.available.set(true);
        assertThat(stream.hasNextAvailable(1, TimeUnit.HOURS)).isTrue();
    }

    @Test
    void a_closed_stream_no_longer_sleeps_on_the_signals_and_closes_the_consumer() {
        ProcessorWakeups wakeups = new ProcessorWakeups(NEVER);
        ConsumerStub consumer = new ConsumerStub();
        BlockingStream<TrackedEventMessage<?>> stream = projectsStream(wakeups, consumer);
        assertThat(wakeups.streams()).isEqualTo(1);
        stream.close();
        assertThat(wakeups.streams()).isZero();
        assertThat(consumer.closed).isTrue();
    }

    @Test
    void an_interrupted_stream_stops_sleeping() throws Exception {
        ProcessorWakeups wakeups = new ProcessorWakeups(NEVER);
        ConsumerStub consumer = new ConsumerStub();
        BlockingStream<TrackedEventMessage<?>> stream = projectsStream(wakeups, consumer);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread sleeper = new Thread(() -> {
            try {
                stream.hasNextAvailable(1, TimeUnit.HOURS);
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        sleeper.start();
        awaitLooks(consumer, 1);
        sleeper.interrupt();
        assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
    }

    @Test
    void a_source_other_than_the_event_store_is_left_as_it_is() {
        ConsumerStub consumer = new ConsumerStub();
        StreamableMessageSource<TrackedEventMessage<?>> other = source(consumer);
        assertThat(new ProcessorWakeups().wakingEach("projects", null, other)).isSameAs(other);
    }

    /** The stream of a processor with a handler for ideas, over this consumer. */
    private static BlockingStream<TrackedEventMessage<?>> projectsStream(ProcessorWakeups wakeups, ConsumerStub consumer) {
        return wakeups.wrap("projects", Idea.class::equals, source(consumer)).openStream(null);
    }

    private static void awaitLooks(ConsumerStub consumer, int looks) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (consumer.looks.get() < looks && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(consumer.looks.get()).isGreaterThanOrEqualTo(looks);
    }
}

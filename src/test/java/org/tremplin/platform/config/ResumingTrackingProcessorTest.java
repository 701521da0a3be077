package org.tremplin.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * A real tracking processor (Axon's, with its in-memory event store and token store) whose token store fails as a
 * database out of reach does: Axon's wait before trying again doubles after each failure (1, 2, 4 s ...); once the
 * database is back, the next commit of events on this node ends the wait at once, and without a commit, or after a
 * failure of another kind, the processor waits as Axon has it.
 */
class ResumingTrackingProcessorTest {

    private static final String NAME = "resuming-probe";

    /** Axon's in-memory token store, failing every call that touches a token while {@link #failure} is set. */
    private static final class FailingTokenStore extends InMemoryTokenStore {
        volatile Supplier<RuntimeException> failure;
        final AtomicInteger failures = new AtomicInteger();

        private void failIfAway() {
            Supplier<RuntimeException> current = failure;
            if (current != null) {
                failures.incrementAndGet();
                throw current.get();
            }
        }

        @Override
        public TrackingToken fetchToken(String processorName, int segment) {
            failIfAway();
            return super.fetchToken(processorName, segment);
        }

        @Override
        public void storeToken(TrackingToken token, String processorName, int segment) {
            failIfAway();
            super.storeToken(token, processorName, segment);
        }

        @Override
        public void extendClaim(String processorName, int segment) {
            failIfAway();
            super.extendClaim(processorName, segment);
        }
    }

    /** The processor's one handler: records what it handled. */
    public static final class Probe {
        final List<String> handled = new CopyOnWriteArrayList<>();

        @EventHandler
        public void on(String event) {
            handled.add(event);
        }
    }

    /** What the pool says when it finds no connection in its wait, as Spring's transaction manager passes it on. */
    private static RuntimeException outOfReach() {
        return new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 30000ms."));
    }

    private final FailingTokenStore tokens = new FailingTokenStore();
    private final Probe probe = new Probe();
    private final AtomicLong commits = new AtomicLong();
    /** The store's reader looks for events every 0.1 s, as the application's does. */
    private final EmbeddedEventStore events = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).fetchDelay(100).build();
    private TrackingEventProcessor processor;

    private void start() {
        ProcessorWakeups wakeups = new ProcessorWakeups();
        wakeups.localCommitsFrom(commits::get);
        processor = new ResumingTrackingProcessor(TrackingEventProcessor.builder()
                .name(NAME)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(probe).build())
                .messageSource(events)
                .tokenStore(tokens)
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andEventAvailabilityTimeout(100, TimeUnit.MILLISECONDS)), wakeups);
        processor.start();
        events.publish(GenericEventMessage.asEventMessage("before"));
        await().atMost(Duration.ofSeconds(10)).until(() -> probe.handled.contains("before"));
    }

    @AfterEach
    void stop() {
        if (processor != null) {
            processor.shutDown();
        }
        events.shutDown();
    }

    @Test
    void once_the_database_is_back_a_commit_ends_the_wait_after_its_outage_and_nothing_else_does() {
        start();
        failAfterThreeTries(ResumingTrackingProcessorTest::outOfReach);
        // the third failure began a wait of 4 s; the database is back, but nothing was committed on this node
        tokens.failure = null;
        await().during(Duration.ofMillis(1000)).atMost(Duration.ofMillis(1500)).until(this::inError);

        events.publish(GenericEventMessage.asEventMessage("after"));
        commits.incrementAndGet();
        await().atMost(Duration.ofMillis(1500)).alias("handled within 1.5 s of the commit, not once Axon's 4 s are over")
                .until(() -> probe.handled.contains("after") && !inError());
    }

    @Test
    void after_a_failure_of_another_kind_a_commit_does_not_end_the_wait() {
        start();
        failAfterThreeTries(() -> new IllegalStateException("a token that cannot be read"));
        tokens.failure = null;
        events.publish(GenericEventMessage.asEventMessage("after"));
        commits.incrementAndGet();
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofMillis(2000)).until(this::inError);
        assertThat(probe.handled).doesNotContain("after");
        await().atMost(Duration.ofSeconds(6)).alias("handled once Axon's wait ends")
                .until(() -> probe.handled.contains("after") && !inError());
    }

    /** Makes the token store fail until the processor failed three times in a row (it then waits 4 s). */
    private void failAfterThreeTries(Supplier<RuntimeException> failure) {
        tokens.failures.set(0);
        tokens.failure = failure;
        await().atMost(Duration.ofSeconds(10)).until(() -> tokens.failures.get() >= 3);
        assertThat(inError()).isTrue();
    }

    private boolean inError() {
        return processor.processingStatus().values().stream().anyMatch(status -> status.isErrorState());
    }
}

package org.tremplin.platform.config;

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
import org.axonframework.messaging.MetaData;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tremplin.platform.query.InStep;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The token store of an in-step group's processor (decision 11), around a real tracking processor, event store and
 * token store (Axon's in-memory ones) and the group's index in an H2 database: a run of events the steps applied, each
 * its own batch with nothing handled, costs one token write per half second instead of one each; the last one is
 * written once the events stop; an event the processor does handle has its token written at once.
 */
class InStepTokenStoreTest {

    private static final String GROUP = "probe-group";

    /** Axon's in-memory token store, counting the tokens written through it. */
    private static final class CountingTokenStore extends InMemoryTokenStore {
        final AtomicInteger stored = new AtomicInteger();

        @Override
        public void storeToken(TrackingToken token, String processorName, int segment) {
            stored.incrementAndGet();
            super.storeToken(token, processorName, segment);
        }
    }

    /** The group's one handler: records what it handled. */
    public static final class Probe {
        final List<String> handled = new CopyOnWriteArrayList<>();

        @EventHandler
        public void on(String event) {
            handled.add(event);
        }
    }

    private final CountingTokenStore database = new CountingTokenStore();
    private final Probe probe = new Probe();
    private EmbeddedEventStore events;
    private TrackingEventProcessor processor;

    @BeforeEach
    void start() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:in-step-tokens-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new JdbcTemplate(dataSource).execute("CREATE TABLE read_model_in_step (processing_group VARCHAR(255) PRIMARY KEY,"
                + " rehandled_to BIGINT NOT NULL, switched_at TIMESTAMP WITH TIME ZONE NOT NULL)");
        InStepGroups groups = new InStepGroups(List.of(GROUP), dataSource, Clock.systemUTC());
        events = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        processor = new InStepTrackingProcessor(TrackingEventProcessor.builder()
                .name(GROUP)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(probe).build())
                .messageSource(events)
                .tokenStore(new InStepTokenStore(database, GROUP, groups))
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andEventAvailabilityTimeout(100, TimeUnit.MILLISECONDS)), groups, new ProcessorWakeups());
        processor.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> !processor.processingStatus().isEmpty());
        // its first claim found no token and made it handle every event again; switched now, before any event: it
        // passes by every event a step applied
        assertThat(groups.rehandledTo(GROUP)).isEqualTo(InStepGroups.ALL);
        groups.switched(GROUP, -1);
    }

    @AfterEach
    void stop() {
        processor.shutDown();
        events.shutDown();
    }

    @Test
    void a_run_of_events_the_steps_applied_writes_its_token_twice_a_second_at_most_and_the_last_once_they_stop()
            throws Exception {
        int before = database.stored.get();
        int applied = 40;
        for (int i = 0; i < applied; i++) {
            events.publish(GenericEventMessage.asEventMessage("applied " + i)
                    .andMetaData(MetaData.with(InStep.METADATA, GROUP)));
            Thread.sleep(10);
        }
        long head = applied - 1;
        await().atMost(Duration.ofSeconds(10)).until(() -> position() >= head);
        int duringTheRun = database.stored.get() - before;
        assertThat(probe.handled).as("every event passed by: the steps applied them").isEmpty();
        // 40 batches over about half a second: one write at its start, at most a few more
        assertThat(duringTheRun).as("token writes for %s events passed by", applied).isBetween(1, 4);
        await().atMost(Duration.ofSeconds(5)).alias("the last token written once the events stopped")
                .until(() -> stored() == head);

        events.publish(GenericEventMessage.asEventMessage("not applied"));
        await().atMost(Duration.ofSeconds(5)).until(() -> probe.handled.contains("not applied"));
        await().atMost(Duration.ofSeconds(1)).alias("a batch that handled something writes its token at once")
                .until(() -> stored() == head + 1);
    }

    private long position() {
        return processor.processingStatus().values().stream()
                .mapToLong(status -> status.getCurrentPosition().orElse(-1)).min().orElse(-1);
    }

    private long stored() {
        TrackingToken token = database.fetchToken(GROUP, 0);
        return token == null ? -1 : token.position().orElse(-1);
    }
}

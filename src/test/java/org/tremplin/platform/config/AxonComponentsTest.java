package org.tremplin.platform.config;

import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.modelling.command.Repository;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.util.ReflectionTestUtils;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pieces of Axon's wiring that change no answer but each request's cost: the aggregates' factories, the
 * processors' progress reports and their wake-ups, the events the event store keeps in memory.
 */
class AxonComponentsTest extends ApiTestSupport {

    @Autowired
    private ApplicationContext context;
    @Autowired
    private Configuration axon;
    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private ProcessorProgress progress;
    @Autowired
    private ProcessorWakeups wakeups;
    @Autowired
    private UnitOfWorkTimeLimits limits;

    @Test
    void the_event_store_keeps_the_newest_two_thousand_events_in_memory_not_axons_ten_thousand() {
        Object store = context.getBean("eventBus");
        assertThat(store).isInstanceOf(AxonConfig.AfterCommitWakingEventStore.class);
        Object producer = ReflectionTestUtils.getField(store, "producer");
        assertThat(ReflectionTestUtils.getField(producer, "cachedEvents")).isEqualTo(2000);
    }

    @Test
    void the_event_store_unlinks_the_events_it_drops_from_its_cache_as_it_reads_events() throws Exception {
        AxonConfig.AfterCommitWakingEventStore store = context.getBean("eventBus", AxonConfig.AfterCommitWakingEventStore.class);
        assertThat(DroppedEventsUnlinker.active()).as("this Axon's store has the fields the unlinker cuts").isTrue();
        String carrier = newUser("unlinked", Roles.CARRIER);
        newOrganisation("Unlinked Events", "SME", carrier);
        // the shared reader tells the unlinker after each event it put in the cache: it then knows the cache's oldest
        // (looked at until both readings agree: an event read between them moves the oldest, then the unlinker's place)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ReflectionTestUtils.getField(store.unlinker(), "uncut") != ReflectionTestUtils.getField(store, "oldest")
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(ReflectionTestUtils.getField(store.unlinker(), "uncut")).as("the unlinker's place in the cache")
                .isNotNull().isSameAs(ReflectionTestUtils.getField(store, "oldest"));
    }

    @Test
    void every_aggregate_is_created_by_a_plain_factory_not_as_a_spring_bean() {
        List<Class<?>> aggregates = java.util.Arrays.stream(context.getBeanNamesForAnnotation(Aggregate.class))
                .<Class<?>>map(context::getType).toList();
        assertThat(aggregates).hasSizeGreaterThanOrEqualTo(17);
        for (Class<?> type : aggregates) {
            Repository<?> repository = axon.repository(type);
            assertThat(repository).as(type.getSimpleName()).isInstanceOf(EventSourcingRepository.class);
            assertThat(((EventSourcingRepository<?>) repository).getAggregateFactory())
                    .as(type.getSimpleName()).isInstanceOf(PlainAggregateFactories.PlainAggregateFactory.class);
        }
    }

    @Test
    void every_tracking_processor_reports_its_progress_and_a_write_wakes_the_waiters() throws Exception {
        // the read models' processors (the write waits for them) are all tracking processors, which report
        assertThat(processing.eventProcessors().values().stream().filter(StreamingEventProcessor.class::isInstance))
                .hasSizeGreaterThanOrEqualTo(7)
                .allSatisfy(processor -> assertThat(processor).isInstanceOf(TrackingEventProcessor.class));

        long before = progress.changes();
        Thread waiter = new Thread(() -> progress.awaitChangeAfter(before, TimeUnit.SECONDS.toNanos(30)));
        waiter.start();
        String carrier = newUser("progress", Roles.CARRIER);
        newOrganisation("Progress Reported", "SME", carrier);
        waiter.join(TimeUnit.SECONDS.toMillis(20));
        assertThat(waiter.isAlive()).as("the waiter is woken by a processor's report").isFalse();
        assertThat(progress.changes()).as("reports after a write").isGreaterThan(before);
    }

    @Test
    void every_tracking_processor_sleeps_on_a_signal_of_its_own_and_a_write_reaches_the_read_models() throws Exception {
        long processors = processing.eventProcessors().values().stream().filter(TrackingEventProcessor.class::isInstance).count();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (wakeups.streams() < processors && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(wakeups.streams()).as("one stream per tracking processor's thread, each on this node's signals")
                .isGreaterThanOrEqualTo((int) processors);
        long deliveredBefore = wakeups.deliveries();
        String carrier = newUser("woken", Roles.CARRIER);
        String organisation = newOrganisation("Woken Processors", "SME", carrier);
        assertThat(wakeups.deliveries()).as("the shared reader reported the write's events").isGreaterThan(deliveredBefore);
        // the write answers once the read models have it (read-your-writes): the organisation is there at once
        assertThat(get(carrier, "/api/organisations/" + organisation).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void every_command_query_and_processor_batch_runs_under_the_time_limits() throws Exception {
        java.util.Map<String, Long> before = limits.startedByComponent();
        String carrier = newUser("limited", Roles.CARRIER);
        String organisation = newOrganisation("Time Limited", "SME", carrier);
        assertThat(get(carrier, "/api/organisations/" + organisation).getStatusCode().value()).isEqualTo(200);
        java.util.Map<String, Long> after = limits.startedByComponent();
        assertThat(after.getOrDefault("SimpleCommandBus", 0L)).as("the command bus")
                .isGreaterThan(before.getOrDefault("SimpleCommandBus", 0L));
        assertThat(after.getOrDefault("SimpleQueryBus", 0L)).as("the query bus")
                .isGreaterThan(before.getOrDefault("SimpleQueryBus", 0L));
        assertThat(after.getOrDefault("EventProcessor organisations", 0L)).as("the organisations' processor")
                .isGreaterThan(before.getOrDefault("EventProcessor organisations", 0L));
        assertThat(limits.isRunning()).isTrue();
    }
}

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
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two pieces of Axon's wiring that change no answer but each request's cost: the aggregates' factories and the
 * processors' progress reports.
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
}

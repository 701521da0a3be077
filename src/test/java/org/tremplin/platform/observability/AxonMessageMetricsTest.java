package org.tremplin.platform.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.queryhandling.GenericQueryMessage;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AxonMessageMetrics} publishes the very series Axon's own dimensional monitors publish: the same meters (name,
 * type, tags, timer settings) with the same counts, after the same messages and outcomes, for event processors, the
 * command bus, the event store and the query bus.
 */
class AxonMessageMetricsTest {

    record Placed(String id) {
    }

    record Cancelled(String id) {
    }

    record Place(String id) {
    }

    record Find(String id) {
    }

    private static final Message<?>[] MESSAGES = {
            GenericEventMessage.asEventMessage(new Placed("1")),
            GenericEventMessage.asEventMessage(new Cancelled("1")),
            GenericEventMessage.asEventMessage(new Placed("2")),
            GenericCommandMessage.asCommandMessage(new Place("3")),
            new GenericQueryMessage<>(new Find("4"), ResponseTypes.instanceOf(String.class)),
    };

    @Test
    void the_same_series_with_the_same_counts_as_axons_own_monitors() {
        Map<String, String> axon = drive(new GlobalMetricRegistry(registry()));
        Map<String, String> cached = drive(new AxonMessageMetrics(registry()));

        assertThat(cached).isEqualTo(axon);
        // not vacuous: per processor and payload type, with each outcome counted
        assertThat(axon)
                .containsEntry("COUNTER eventProcessor.successCounter [payloadType=Placed, processorName=projects]", "2.0")
                .containsEntry("COUNTER eventProcessor.failureCounter [payloadType=Cancelled, processorName=projects]", "1.0")
                .containsEntry("COUNTER eventProcessor.ignoredCounter [payloadType=Placed, processorName=audit]", "2.0")
                .containsEntry("TIMER eventProcessor.allTimer [payloadType=Cancelled, processorName=audit]", "1 percentiles [0.5, 0.75, 0.95, 0.98, 0.99, 0.999]")
                .containsEntry("COUNTER commandBus.processedCounter [payloadType=Place]", "1.0")
                .containsEntry("COUNTER eventStore.ingestedCounter []", "3.0")
                .containsEntry("TIMER eventStore.successTimer [payloadType=Placed]", "2 percentiles [0.5, 0.75, 0.95, 0.98, 0.99, 0.999]")
                .containsEntry("TIMER queryBus.failureTimer [payloadType=Find]", "1 percentiles [0.5, 0.75, 0.95, 0.98, 0.99, 0.999]")
                .containsKey("GAUGE eventProcessor.capacity [payloadType=Placed, processorName=projects]")
                .containsKey("GAUGE eventProcessor.latency [processorName=projects]")
                .containsKey("GAUGE commandBus.capacity [payloadType=Place]");
    }

    @Test
    void the_capacity_gauge_follows_the_handling_time_as_axons_does() throws InterruptedException {
        MeterRegistry registry = registry();
        @SuppressWarnings("unchecked")
        MessageMonitor<Message<?>> bus = (MessageMonitor<Message<?>>) new AxonMessageMetrics(registry)
                .registerComponentWithDefaultTags(CommandBus.class, "commandBus");
        Gauge capacity;
        MessageMonitor.MonitorCallback callback = bus.onMessageIngested(MESSAGES[3]);
        capacity = registry.get("commandBus.capacity").gauge();
        assertThat(capacity.value()).isZero();
        Thread.sleep(20);
        callback.reportSuccess();
        // 20 ms of handling in a window of 10 minutes
        assertThat(capacity.value()).isGreaterThanOrEqualTo(0.02 / 600);
    }

    private static MeterRegistry registry() {
        return new SimpleMeterRegistry();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> drive(GlobalMetricRegistry metrics) {
        List<MessageMonitor<Message<?>>> processors = List.of(
                (MessageMonitor<Message<?>>) metrics.registerComponentWithDefaultTags(EventProcessor.class, "projects"),
                (MessageMonitor<Message<?>>) metrics.registerComponentWithDefaultTags(EventProcessor.class, "audit"));
        MessageMonitor<Message<?>> commandBus =
                (MessageMonitor<Message<?>>) metrics.registerComponentWithDefaultTags(CommandBus.class, "commandBus");
        MessageMonitor<Message<?>> eventStore =
                (MessageMonitor<Message<?>>) metrics.registerComponentWithDefaultTags(EventStore.class, "eventStore");
        MessageMonitor<Message<?>> queryBus =
                (MessageMonitor<Message<?>>) metrics.registerComponentWithDefaultTags(QueryBus.class, "queryBus");

        // "projects" handles every event, failing on a cancellation; "audit" ignores the placements
        for (Message<?> event : List.of(MESSAGES[0], MESSAGES[1], MESSAGES[2])) {
            MessageMonitor.MonitorCallback projects = processors.get(0).onMessageIngested(event);
            if (event.getPayload() instanceof Cancelled) {
                projects.reportFailure(new IllegalStateException("refused"));
            } else {
                projects.reportSuccess();
            }
            MessageMonitor.MonitorCallback audit = processors.get(1).onMessageIngested(event);
            if (event.getPayload() instanceof Placed) {
                audit.reportIgnored();
            } else {
                audit.reportSuccess();
            }
            eventStore.onMessageIngested(event).reportSuccess();
        }
        commandBus.onMessageIngested(MESSAGES[3]).reportSuccess();
        queryBus.onMessageIngested(MESSAGES[4]).reportFailure(new IllegalArgumentException("none"));

        Map<String, String> series = new TreeMap<>();
        for (Meter meter : metrics.getRegistry().getMeters()) {
            List<String> tags = new ArrayList<>();
            meter.getId().getTags().forEach(t -> tags.add(t.getKey() + "=" + t.getValue()));
            String key = meter.getId().getType() + " " + meter.getId().getName() + " " + tags.toString();
            String value;
            if (meter instanceof Counter counter) {
                value = String.valueOf(counter.count());
            } else if (meter instanceof Timer timer) {
                value = timer.count() + " percentiles " + java.util.Arrays.toString(percentiles(timer));
            } else {
                value = "gauge";
            }
            series.put(key, value);
        }
        return series;
    }

    private static double[] percentiles(Timer timer) {
        return java.util.Arrays.stream(timer.takeSnapshot().percentileValues()).mapToDouble(p -> p.percentile()).toArray();
    }
}

package org.tremplin.platform.observability;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;
import org.axonframework.queryhandling.QueryMessage;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Axon's Micrometer message monitors with their meters looked up once per payload type instead of once per message.
 * <p>
 * Axon's {@code MessageTimerMonitor}, {@code MessageCountingMonitor} and {@code CapacityMonitor} build and register
 * their meters again for every message they see (four timers, five counters and a gauge, each through the registry's
 * filters and maps), and every tracking processor sees every event: 18-19 % of the samples in JFR profiles of the step
 * path in the tests' JVM (C1 only), 2 % in the server's own (C2); about 60 µs of CPU per event through eight processors
 * here before, 13-16 µs after ({@code StepPartsBenchmark}). The monitors here publish the very same series (names,
 * tags, timer settings, the capacity gauge over the same ten minutes, its time added up per second rather than kept
 * measurement by measurement: {@link BusyTimeWindow}; {@code AxonMessageMetricsTest} compares both on one message
 * sequence) from meters kept per payload type: the tags Axon's dimensional registration gives ({@code registerComponentWithDefaultTags}:
 * the payload type's simple name, and the processor's name, fixed per monitor) depend on nothing else. The same for
 * Axon's {@code EventProcessorLatencyMonitor}, which registers its gauge again on every event.
 * <p>
 * Declared as the {@link GlobalMetricRegistry} bean, which Axon's auto-configuration then uses
 * ({@code @ConditionalOnMissingBean}); {@code axon.metrics.micrometer.dimensional=true} as before.
 */
public class AxonMessageMetrics extends GlobalMetricRegistry {

    private static final double[] AXON_PERCENTILES = {0.5, 0.75, 0.95, 0.98, 0.99, 0.999};
    private static final Duration AXON_DISTRIBUTION_EXPIRY = Duration.of(10, ChronoUnit.MINUTES);
    /** Axon's {@code CapacityMonitor} default: a window of 10 minutes. */
    private static final Duration CAPACITY_WINDOW = Duration.ofMinutes(10);

    private final MeterRegistry registry;

    /**
     * Axon's own monitors (a lookup per message) instead of these, for {@code StepCostBenchmark}'s alternating rounds
     * ({@code -Dbenchmark.switch=monitors}); both publish the same series.
     */
    private volatile boolean axonMonitors;

    public AxonMessageMetrics(MeterRegistry registry) {
        super(registry);
        this.registry = registry;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public MessageMonitor<? super EventMessage<?>> registerEventProcessor(
            String meterNamePrefix, Function<Message<?>, Iterable<Tag>> tagsBuilder,
            Function<Message<?>, Iterable<Tag>> latencyTagsBuilder) {
        return new Switched(this, new AllMonitors(List.of(
                new TimerMonitor(meterNamePrefix, registry, tagsBuilder),
                new LatencyMonitor(meterNamePrefix, registry, latencyTagsBuilder),
                new CapacityMonitor(meterNamePrefix, registry, tagsBuilder),
                new CountingMonitor(meterNamePrefix, registry, tagsBuilder))),
                (MessageMonitor) super.registerEventProcessor(meterNamePrefix, tagsBuilder, latencyTagsBuilder));
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public MessageMonitor<? super CommandMessage<?>> registerCommandBus(
            String commandBusName, Function<Message<?>, Iterable<Tag>> tagsBuilder) {
        return new Switched(this, defaultHandlerMonitor(commandBusName, tagsBuilder),
                (MessageMonitor) super.registerCommandBus(commandBusName, tagsBuilder));
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public MessageMonitor<? super EventMessage<?>> registerEventBus(
            String eventBusName, Function<Message<?>, Iterable<Tag>> tagsBuilder) {
        // as Axon's: the counters without tags, the timers with them
        return new Switched(this, new AllMonitors(List.of(
                new CountingMonitor(eventBusName, registry, message -> Tags.empty()),
                new TimerMonitor(eventBusName, registry, tagsBuilder))),
                (MessageMonitor) super.registerEventBus(eventBusName, tagsBuilder));
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public MessageMonitor<? super QueryMessage<?, ?>> registerQueryBus(
            String queryBusName, Function<Message<?>, Iterable<Tag>> tagsBuilder) {
        return new Switched(this, defaultHandlerMonitor(queryBusName, tagsBuilder),
                (MessageMonitor) super.registerQueryBus(queryBusName, tagsBuilder));
    }

    /** These monitors, or Axon's own when {@link #axonMonitors} is set. */
    private record Switched(AxonMessageMetrics metrics, MessageMonitor<Message<?>> cached,
                            MessageMonitor<Message<?>> axon) implements MessageMonitor<Message<?>> {
        @Override
        public MonitorCallback onMessageIngested(Message<?> message) {
            return (metrics.axonMonitors ? axon : cached).onMessageIngested(message);
        }
    }

    private MessageMonitor<Message<?>> defaultHandlerMonitor(String name, Function<Message<?>, Iterable<Tag>> tagsBuilder) {
        return new AllMonitors(List.of(
                new TimerMonitor(name, registry, tagsBuilder),
                new CapacityMonitor(name, registry, tagsBuilder),
                new CountingMonitor(name, registry, tagsBuilder)));
    }

    /**
     * Axon's {@code MultiMessageMonitor} without its stream: each monitor told of the message, then each callback of
     * the outcome, in order (a stream and a list for every message through every processor were a fifth of these
     * monitors' samples under four clients, src/docs/performance.md, session 42).
     */
    private record AllMonitors(List<MessageMonitor<Message<?>>> monitors) implements MessageMonitor<Message<?>> {
        @Override
        public MonitorCallback onMessageIngested(Message<?> message) {
            MonitorCallback[] callbacks = new MonitorCallback[monitors.size()];
            for (int i = 0; i < callbacks.length; i++) {
                callbacks[i] = monitors.get(i).onMessageIngested(message);
            }
            return new MonitorCallback() {
                @Override
                public void reportSuccess() {
                    for (MonitorCallback callback : callbacks) {
                        callback.reportSuccess();
                    }
                }

                @Override
                public void reportFailure(Throwable cause) {
                    for (MonitorCallback callback : callbacks) {
                        callback.reportFailure(cause);
                    }
                }

                @Override
                public void reportIgnored() {
                    for (MonitorCallback callback : callbacks) {
                        callback.reportIgnored();
                    }
                }
            };
        }
    }

    /** Meters kept per payload type; built from the first message of that type. */
    private abstract static class PerPayloadType<M> implements MessageMonitor<Message<?>> {

        final String prefix;
        final MeterRegistry registry;
        private final Function<Message<?>, Iterable<Tag>> tagsBuilder;
        private final Map<Class<?>, M> meters = new ConcurrentHashMap<>();

        PerPayloadType(String prefix, MeterRegistry registry, Function<Message<?>, Iterable<Tag>> tagsBuilder) {
            this.prefix = prefix;
            this.registry = registry;
            this.tagsBuilder = tagsBuilder;
        }

        final M meters(Message<?> message) {
            M found = meters.get(message.getPayloadType());
            if (found == null) {
                found = meters.computeIfAbsent(message.getPayloadType(), type -> build(tagsBuilder.apply(message)));
            }
            return found;
        }

        abstract M build(Iterable<Tag> tags);
    }

    /** Axon's {@code MessageTimerMonitor}: all, success, failure and ignored timers, in nanoseconds of the registry's clock. */
    static final class TimerMonitor extends PerPayloadType<Timer[]> {

        private final Clock clock;

        TimerMonitor(String prefix, MeterRegistry registry, Function<Message<?>, Iterable<Tag>> tagsBuilder) {
            super(prefix, registry, tagsBuilder);
            this.clock = Clock.SYSTEM;
        }

        @Override
        Timer[] build(Iterable<Tag> tags) {
            return new Timer[]{timer("allTimer", tags), timer("successTimer", tags), timer("failureTimer", tags),
                    timer("ignoredTimer", tags)};
        }

        private Timer timer(String name, Iterable<Tag> tags) {
            return Timer.builder(prefix + "." + name).distributionStatisticExpiry(AXON_DISTRIBUTION_EXPIRY)
                    .publishPercentiles(AXON_PERCENTILES).tags(tags).register(registry);
        }

        @Override
        public MonitorCallback onMessageIngested(Message<?> message) {
            Timer[] timers = meters(message);
            long start = clock.monotonicTime();
            return new MonitorCallback() {
                @Override
                public void reportSuccess() {
                    record(timers[1]);
                }

                @Override
                public void reportFailure(Throwable cause) {
                    record(timers[2]);
                }

                @Override
                public void reportIgnored() {
                    record(timers[3]);
                }

                private void record(Timer outcome) {
                    long duration = clock.monotonicTime() - start;
                    timers[0].record(duration, TimeUnit.NANOSECONDS);
                    outcome.record(duration, TimeUnit.NANOSECONDS);
                }
            };
        }
    }

    /**
     * Axon's {@code EventProcessorLatencyMonitor}: {@code <prefix>.latency}, the milliseconds between the last event's
     * timestamp and its arrival, one gauge per set of tags (the processor's name).
     */
    static final class LatencyMonitor implements MessageMonitor<Message<?>> {

        private final String prefix;
        private final MeterRegistry registry;
        private final Function<Message<?>, Iterable<Tag>> tagsBuilder;
        private final Map<Class<?>, java.util.concurrent.atomic.AtomicLong> perType = new ConcurrentHashMap<>();
        private final Map<Tags, java.util.concurrent.atomic.AtomicLong> gauges = new ConcurrentHashMap<>();

        LatencyMonitor(String prefix, MeterRegistry registry, Function<Message<?>, Iterable<Tag>> tagsBuilder) {
            this.prefix = prefix;
            this.registry = registry;
            this.tagsBuilder = tagsBuilder;
        }

        @Override
        public MonitorCallback onMessageIngested(Message<?> message) {
            if (message instanceof EventMessage<?> event) {
                java.util.concurrent.atomic.AtomicLong latency = perType.get(message.getPayloadType());
                if (latency == null) {
                    latency = perType.computeIfAbsent(message.getPayloadType(), type ->
                            gauges.computeIfAbsent(Tags.of(tagsBuilder.apply(message)), tags -> {
                                java.util.concurrent.atomic.AtomicLong value = new java.util.concurrent.atomic.AtomicLong();
                                Gauge.builder(prefix + ".latency", value::get).tags(tags).register(registry);
                                return value;
                            }));
                }
                latency.set(Clock.SYSTEM.wallTime() - event.getTimestamp().toEpochMilli());
            }
            return NoOpMessageMonitorCallback.INSTANCE;
        }
    }

    /** Axon's {@code MessageCountingMonitor}: ingested, then processed and success, failure or ignored. */
    static final class CountingMonitor extends PerPayloadType<Counter[]> {

        CountingMonitor(String prefix, MeterRegistry registry, Function<Message<?>, Iterable<Tag>> tagsBuilder) {
            super(prefix, registry, tagsBuilder);
        }

        @Override
        Counter[] build(Iterable<Tag> tags) {
            return new Counter[]{counter("ingestedCounter", tags), counter("successCounter", tags),
                    counter("failureCounter", tags), counter("processedCounter", tags), counter("ignoredCounter", tags)};
        }

        private Counter counter(String name, Iterable<Tag> tags) {
            return registry.counter(prefix + "." + name, tags);
        }

        @Override
        public MonitorCallback onMessageIngested(Message<?> message) {
            Counter[] counters = meters(message);
            counters[0].increment();
            return new MonitorCallback() {
                @Override
                public void reportSuccess() {
                    counters[3].increment();
                    counters[1].increment();
                }

                @Override
                public void reportFailure(Throwable cause) {
                    counters[3].increment();
                    counters[2].increment();
                }

                @Override
                public void reportIgnored() {
                    counters[4].increment();
                }
            };
        }
    }

    /**
     * Axon's {@code CapacityMonitor}: the share of the last ten minutes spent handling, per payload type, as the gauge
     * {@code <prefix>.capacity}; the time is added up per second ({@link BusyTimeWindow}) instead of kept measurement by
     * measurement in Axon's {@code SlidingTimeWindowReservoir}.
     */
    static final class CapacityMonitor extends PerPayloadType<BusyTimeWindow> {

        private final Clock clock;

        CapacityMonitor(String prefix, MeterRegistry registry, Function<Message<?>, Iterable<Tag>> tagsBuilder) {
            super(prefix, registry, tagsBuilder);
            this.clock = Clock.SYSTEM;
        }

        @Override
        BusyTimeWindow build(Iterable<Tag> tags) {
            BusyTimeWindow window = new BusyTimeWindow(CAPACITY_WINDOW, clock);
            // a strong reference to the window stays in this monitor's map: the gauge keeps only a weak one
            Gauge.builder(prefix + ".capacity", window, BusyTimeWindow::share).tags(tags).register(registry);
            return window;
        }

        @Override
        public MonitorCallback onMessageIngested(Message<?> message) {
            BusyTimeWindow window = meters(message);
            long start = clock.monotonicTime();
            return new MonitorCallback() {
                @Override
                public void reportSuccess() {
                    window.add(clock.monotonicTime() - start);
                }

                @Override
                public void reportFailure(Throwable cause) {
                    window.add(clock.monotonicTime() - start);
                }

                @Override
                public void reportIgnored() {
                    window.add(clock.monotonicTime() - start);
                }
            };
        }
    }
}

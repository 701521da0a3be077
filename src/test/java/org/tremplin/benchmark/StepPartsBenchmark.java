package org.tremplin.benchmark;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.test.util.ReflectionTestUtils;
import org.tremplin.funding.process.DmnCapacityRules;
import org.tremplin.funding.query.CapacityRules;
import org.tremplin.platform.observability.AxonMessageMetrics;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Two parts of a step measured alone, each switched off and on in alternating rounds, in CPU time of the measuring
 * thread (little moved by the other processes of a shared machine): one evaluation of the capacity table
 * ({@code LiteralFeelEngine} off: every cell through FEEL; on: the literal cells in Java), and one event through the
 * message monitors of eight tracking processors and a command through the command bus's ({@code AxonMessageMetrics}
 * off: Axon's own monitors; on: meters per payload type), on a Prometheus registry with the application's Axon filters.
 * Prints figures, asserts nothing: {@code mvn -o test -Dtest=StepPartsBenchmark -Dbenchmark=true}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class StepPartsBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 6);

    record Placed(String id) {
    }

    record Moved(String id) {
    }

    record Place(String id) {
    }

    @Test
    void prints_the_cpu_of_a_capacity_evaluation_and_of_the_message_monitors_both_ways() {
        DmnCapacityRules rules = new DmnCapacityRules();
        Object literal = ReflectionTestUtils.getField(ReflectionTestUtils.getField(
                ReflectionTestUtils.getField(rules, "engine"), "dmnEngineConfiguration"), "feelEngine");
        Random random = new Random(7);
        List<CapacityRules.Inputs> inputs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            inputs.add(new CapacityRules.Inputs(List.of("micro", "small", "medium", "large").get(random.nextInt(4)),
                    BigDecimal.valueOf(random.nextInt(9000), 2), BigDecimal.valueOf(random.nextInt(9000), 2),
                    random.nextInt(12), BigDecimal.valueOf(random.nextInt(9000), 2)));
        }
        compare("capacity table, one evaluation", 200, on -> ReflectionTestUtils.setField(literal, "javaPath", on),
                i -> rules.verdict(inputs.get(i % inputs.size())));

        MeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(MeterFilter.deny(id -> id.getName().startsWith("eventProcessor.")
                && (id.getName().endsWith(".ignoredTimer") || id.getName().endsWith(".ignoredCounter"))));
        AxonMessageMetrics metrics = new AxonMessageMetrics(registry);
        List<MessageMonitor<Message<?>>> processors = new ArrayList<>();
        for (String name : List.of("projects", "organisations", "funding", "funding-registry", "investments",
                "historical-projects", "import-runs", "audit")) {
            processors.add(monitor(metrics.registerComponentWithDefaultTags(EventProcessor.class, name)));
        }
        MessageMonitor<Message<?>> commandBus = monitor(metrics.registerComponentWithDefaultTags(CommandBus.class, "commandBus"));
        List<Message<?>> events = List.of(GenericEventMessage.asEventMessage(new Placed("1")),
                GenericEventMessage.asEventMessage(new Moved("1")));
        Message<?> command = GenericCommandMessage.asCommandMessage(new Place("1"));
        compare("an event through 8 processors' monitors and a command through the bus's", 20_000,
                on -> ReflectionTestUtils.setField(metrics, "axonMonitors", !on), i -> {
                    Message<?> event = events.get(i % 2);
                    for (int p = 0; p < processors.size(); p++) {
                        MessageMonitor.MonitorCallback callback = processors.get(p).onMessageIngested(event);
                        if (p == 0 || i % 2 == 0) {
                            callback.reportSuccess();
                        } else {
                            callback.reportIgnored();
                        }
                    }
                    commandBus.onMessageIngested(command).reportSuccess();
                });
    }

    @SuppressWarnings("unchecked")
    private static MessageMonitor<Message<?>> monitor(MessageMonitor<?> monitor) {
        return (MessageMonitor<Message<?>>) monitor;
    }

    private interface Work {
        void run(int i);
    }

    private static void compare(String what, int n, Consumer<Boolean> switchOn, Work work) {
        for (boolean on : List.of(false, true, false, true)) {
            switchOn.accept(on);
            for (int i = 0; i < n; i++) {
                work.run(i);
            }
        }
        List<Double> off = new ArrayList<>();
        List<Double> onFigures = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (boolean on : round % 2 == 0 ? List.of(false, true) : List.of(true, false)) {
                switchOn.accept(on);
                long cpu = THREADS.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    work.run(i);
                }
                (on ? onFigures : off).add((THREADS.getCurrentThreadCpuTime() - cpu) / 1e3 / n);
            }
        }
        switchOn.accept(true);
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < off.size(); i++) {
            ratios.add(onFigures.get(i) / off.get(i));
        }
        System.out.printf("%n---- %s, CPU microseconds of the thread (%d rounds of %d) ----%n"
                + "off: %s%non : %s%non ÷ off: %s%n", what, ROUNDS, n, spread(off), spread(onFigures), spread(ratios));
    }

    private static String spread(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return String.format("median %.3f (min %.3f, max %.3f)", sorted.get(sorted.size() / 2), sorted.get(0),
                sorted.get(sorted.size() - 1));
    }
}

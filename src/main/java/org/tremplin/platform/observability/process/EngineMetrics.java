package org.tremplin.platform.observability.process;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.metrics.Meter;
import org.camunda.bpm.engine.impl.metrics.MetricsRegistry;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Camunda's own engine metrics as the counter {@code camunda.engine.metrics{metric}}: every occurrence the engine
 * records (its names: {@code activity-instance-start}, {@code activity-instance-end}, {@code job-successful},
 * {@code job-failed}, {@code job-acquisition-attempt}, {@code job-acquired-success}, {@code job-locked-exclusive},
 * {@code root-process-instance-start}, {@code executed-decision-elements}, …) is counted here too, as it happens, on
 * this node. The engine's registry goes on as before (it reports to {@code ACT_RU_METER_LOG} every 15 minutes for
 * Cockpit): a subclass of it adds one counter increment per occurrence, and no query.
 */
@Component
public class EngineMetrics extends AbstractProcessEnginePlugin {

    /** The counter's name. */
    public static final String METRICS = "camunda.engine.metrics";

    private final MeterRegistry registry;

    public EngineMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getMetricsRegistry() == null) {
            configuration.setMetricsRegistry(new CountingMetricsRegistry(registry));
        }
    }

    /** The engine's registry, with each occurrence of a metric reported to the database also counted in Micrometer. */
    static final class CountingMetricsRegistry extends MetricsRegistry {

        private final MeterRegistry registry;
        private final Map<String, Counter> counters = new ConcurrentHashMap<>();

        CountingMetricsRegistry(MeterRegistry registry) {
            this.registry = registry;
        }

        @Override
        protected void markOccurrence(Map<String, Meter> meters, String name, long times) {
            super.markOccurrence(meters, name, times);
            if (meters == dbMeters) {
                counters.computeIfAbsent(name, metric -> Counter.builder(METRICS)
                        .description("Occurrences recorded by the Camunda engine, per engine metric (as in Cockpit)")
                        .tag("metric", metric).register(registry)).increment(times);
            }
        }
    }
}

package org.tremplin.platform.observability;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code processors} health component: every tracking processor, running or not, in error or not, with its lag
 * (events behind the head at the last {@link OperationalReadings reading}) and its dead letters. DOWN when a processor
 * is shut down or one of its segments is in error (its read model no longer follows the events); the lag and the dead
 * letters are details for the operator, not a status (a replay is a long lag on purpose).
 * The running and error states are read in memory at each call; the figures come from the last reading.
 */
@Component("processorsHealthIndicator")
class ProcessorsHealthIndicator implements HealthIndicator {

    private final EventProcessingConfiguration processing;
    private final OperationalReadings readings;

    ProcessorsHealthIndicator(EventProcessingConfiguration processing, OperationalReadings readings) {
        this.processing = processing;
        this.readings = readings;
    }

    @Override
    public Health health() {
        OperationalReadings.Snapshot snapshot = readings.snapshot();
        Map<String, Object> details = new TreeMap<>();
        boolean down = false;
        for (EventProcessor processor : processing.eventProcessors().values()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            boolean running = processor.isRunning();
            boolean error = processor.isError();
            detail.put("running", running);
            if (processor instanceof StreamingEventProcessor streaming) {
                for (EventTrackerStatus status : streaming.processingStatus().values()) {
                    if (status.isErrorState()) {
                        error = true;
                        detail.put("error", status.getError() == null ? "in error" : status.getError().toString());
                    }
                }
                detail.put("replaying", streaming.isReplaying());
                detail.put("segmentsClaimedHere", streaming.processingStatus().size());
            }
            detail.put("inError", error);
            OperationalReadings.ProcessorReading reading = snapshot.processors().get(processor.getName());
            if (reading != null) {
                detail.put("lag", reading.lag());
                detail.put("position", reading.position());
            }
            detail.put("deadLetters", snapshot.deadLetters().getOrDefault(processor.getName(), 0L));
            details.put(processor.getName(), detail);
            down |= !running || error;
        }
        Health.Builder health = down ? Health.down() : Health.up();
        health.withDetail("processors", details);
        if (snapshot.takenAt() != null) {
            health.withDetail("head", snapshot.head()).withDetail("readAt", snapshot.takenAt().toString());
        }
        return health.build();
    }
}

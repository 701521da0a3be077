package org.tremplin.platform.web;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.OptionalLong;

/**
 * Read-your-writes for API callers: a write endpoint answers once the read models have processed the
 * events it stored (usually a few milliseconds; bounded so a stalled projection never blocks a write).
 */
@Component
public class ReadModels {

    private static final long MAX_WAIT_MILLIS = 2_000;

    private final EventStore eventStore;
    private final EventProcessingConfiguration processing;

    public ReadModels(EventStore eventStore, EventProcessingConfiguration processing) {
        this.eventStore = eventStore;
        this.processing = processing;
    }

    public void catchUp() {
        TrackingToken head = eventStore.createHeadToken();
        OptionalLong target = head == null ? OptionalLong.empty() : head.position();
        if (target.isEmpty()) {
            return;
        }
        List<TrackingEventProcessor> processors = processing.eventProcessors().values().stream()
                .filter(TrackingEventProcessor.class::isInstance).map(TrackingEventProcessor.class::cast).toList();
        long deadline = System.currentTimeMillis() + MAX_WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline && !processors.stream().allMatch(p -> reached(p, target.getAsLong()))) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean reached(TrackingEventProcessor processor, long position) {
        if (!processor.isRunning()) {
            return true;
        }
        // A processor that has just (re)started may not have claimed its segments yet: not caught up.
        var statuses = processor.processingStatus().values();
        return !statuses.isEmpty() && statuses.stream().allMatch(status -> status.isErrorState()
                || status.getCurrentPosition().orElse(-1) >= position);
    }
}

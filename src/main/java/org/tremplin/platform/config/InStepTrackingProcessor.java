package org.tremplin.platform.config;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;

import java.util.Collection;

/**
 * The tracking processor of a group applied in the steps (decision 11): it passes by the events a step applied already
 * (past the index {@link InStepGroups} gives), and handles the others as any tracking processor does (events stored
 * before the group was applied in the steps, and every event again after a replay's reset until the next switch).
 * Replays, "as of" views and the dead-letter queue's retries call its handlers directly and are not filtered. Like
 * every processor here it resumes as soon as the database is back after an outage ({@link ResumingTrackingProcessor}).
 */
final class InStepTrackingProcessor extends ResumingTrackingProcessor {

    /** Whether the last event this thread's processor looked at was passed by (or had no handler). */
    private static final ThreadLocal<Boolean> PASSED_BY = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private final InStepGroups groups;

    InStepTrackingProcessor(TrackingEventProcessor.Builder builder, InStepGroups groups, ProcessorWakeups wakeups) {
        super(builder, wakeups);
        this.groups = groups;
    }

    @Override
    protected boolean canHandle(EventMessage<?> eventMessage, Collection<Segment> segments) throws Exception {
        boolean handles = !(eventMessage instanceof TrackedEventMessage<?> tracked && groups.passesBy(getName(), tracked))
                && super.canHandle(eventMessage, segments);
        PASSED_BY.set(!handles);
        return handles;
    }

    /**
     * Whether the current thread is an in-step group's processor whose last event looked at was not for its handlers:
     * a token it stores outside a unit of work then closes a batch with nothing handled ({@link InStepTokenStore}).
     */
    static boolean passedByLast() {
        return PASSED_BY.get();
    }
}

package org.tremplin.platform.query;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The mark a step leaves on its events when read models were written in its own transaction (decision 11): the event's
 * metadata {@value #METADATA} names the processing groups whose handlers the step ran before its commit (or whose
 * dead-letter queue it parked the event in, in that same transaction). Their tracking processors pass such an event
 * by, unless they are told to handle it again ({@code InStepGroups}).
 */
public final class InStep {

    /** The metadata key: the processing groups applied in the step, separated by commas. */
    public static final String METADATA = "readModelsInStep";

    /** The resource of the unit of work in which a step's events run through a group's handlers. */
    public static final String RESOURCE = InStep.class.getName();

    private InStep() {
    }

    /** Whether the step that stored this event applied the given group's handlers in its transaction. */
    public static boolean applied(Message<?> event, String group) {
        Object groups = event.getMetaData().get(METADATA);
        if (!(groups instanceof String names)) {
            return false;
        }
        if (names.equals(group)) {
            return true;
        }
        for (String name : names.split(",")) {
            if (name.equals(group)) {
                return true;
            }
        }
        return false;
    }

    /** The groups a step applied for this event, empty when none. */
    public static Set<String> groups(Message<?> event) {
        Object groups = event.getMetaData().get(METADATA);
        if (!(groups instanceof String names) || names.isEmpty()) {
            return Set.of();
        }
        return Arrays.stream(names.split(",")).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Whether the current handler runs in a step's transaction (the step's own events through a group's handlers)
     * rather than in a tracking processor's batch or a replay.
     */
    public static boolean current() {
        return CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().resources().containsKey(RESOURCE);
    }

    /**
     * A step held back longer than it may wait while the read models written in the steps start or switch (decision
     * 11): it stored nothing and may be sent again after {@link #retryAfter()} (a 503 with {@code Retry-After}).
     */
    public static final class HeldBack extends RuntimeException {

        private final Duration retryAfter;

        public HeldBack(String message, Duration retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }

        /** How long the person should wait before sending the request again. */
        public Duration retryAfter() {
            return retryAfter;
        }
    }
}

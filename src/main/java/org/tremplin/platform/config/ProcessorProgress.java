package org.tremplin.platform.config;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.EventTrackerStatusChangeListener;

import java.util.Map;

/**
 * Wakes the threads that wait for the tracking processors of this node to move: every processor reports each change of
 * its status here (a new position after a batch committed, a claim, an error), after the change is visible in its
 * {@code processingStatus()}. A write waiting for the read models ({@code ReadModels}) sleeps until such a report
 * instead of looking at the processors again and again.
 *
 * <p>Race-free by a counter: a waiter reads {@link #changes()} <em>before</em> it looks at the processors, and
 * {@link #awaitChangeAfter(long, long)} returns at once when a report came in between.
 */
public final class ProcessorProgress implements EventTrackerStatusChangeListener {

    private final Signal changes = new Signal();

    @Override
    public void onEventTrackerStatusChange(Map<Integer, EventTrackerStatus> updatedTrackerStatus) {
        changes.signal();
    }

    /** Positions count as changes: a processor that only moved forward is what a waiting write waits for. */
    @Override
    public boolean validatePositions() {
        return true;
    }

    /** How many changes were reported so far; read it before looking at the processors. */
    public long changes() {
        return changes.count();
    }

    /**
     * Parks the calling thread until a change is reported after {@code seen} (a value of {@link #changes()}), at most
     * {@code maxNanos}, or until the thread is interrupted.
     */
    public void awaitChangeAfter(long seen, long maxNanos) {
        changes.awaitAfter(seen, maxNanos);
    }
}

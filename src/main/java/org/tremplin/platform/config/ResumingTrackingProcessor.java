package org.tremplin.platform.config;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.tremplin.platform.web.DatabaseOutOfReach;

/**
 * Every tracking processor of this node: Axon's, resuming as soon as the database is back after an outage.
 *
 * <p>When its processing loop fails, Axon's processor waits before trying again, twice as long after each failure in
 * a row: 1, 2, 4 ... up to 60 s. Through an outage of the database that wait grows to a minute, and once the database
 * is back the processor went on waiting it out: the first writes after an outage were answered before their read
 * models had them ("Write answered before the read models processed it"), and the models caught up up to a minute
 * later (src/docs/operations.md, session 53). Here, when what failed was the database out of reach
 * ({@link DatabaseOutOfReach}: no connection in the pool's wait, or a connection refused or broken), the wait also ends
 * as soon as this node commits events again ({@link ProcessorWakeups#localCommits()}): that commit proves the database
 * answers, and its write is waiting for the read models. Without such a commit the processor tries again after
 * Axon's wait, as before; a failure of another kind (a handler's, a token's) keeps Axon's wait whatever commits.
 */
class ResumingTrackingProcessor extends TrackingEventProcessor {

    /** How often the wait looks for a commit: as often as Axon's own wait looks whether the processor still runs. */
    private static final long LOOK_MILLIS = 100;
    /**
     * The shortest wait a commit ends: should the processor keep failing while other connections commit (a failure
     * that only looked like an outage), it tries at most twice a second, not once per commit.
     */
    private static final long SHORTEST_WAIT_MILLIS = 500;

    private final ProcessorWakeups wakeups;

    ResumingTrackingProcessor(TrackingEventProcessor.Builder builder, ProcessorWakeups wakeups) {
        super(builder);
        this.wakeups = wakeups;
    }

    /** Axon calls this form only for the wait after its processing loop failed (its other waits pass a flag). */
    @Override
    protected void doSleepFor(long millisToSleep) {
        if (!failedForTheDatabase()) {
            super.doSleepFor(millisToSleep);
            return;
        }
        long seen = wakeups.localCommits();
        long start = System.currentTimeMillis();
        long deadline = start + millisToSleep;
        long left;
        // Axon's wait in short steps: it returns at once when the processor stops (and shuts it down if interrupted)
        while (isRunning() && !Thread.currentThread().isInterrupted()
                && (wakeups.localCommits() == seen || System.currentTimeMillis() - start < SHORTEST_WAIT_MILLIS)
                && (left = deadline - System.currentTimeMillis()) > 0) {
            super.doSleepFor(Math.min(left, LOOK_MILLIS));
        }
    }

    /** Whether a segment of this processor is in error because the database was out of reach. */
    private boolean failedForTheDatabase() {
        for (EventTrackerStatus status : processingStatus().values()) {
            if (status.isErrorState() && status.getError() != null && DatabaseOutOfReach.of(status.getError()) != null) {
                return true;
            }
        }
        return false;
    }
}

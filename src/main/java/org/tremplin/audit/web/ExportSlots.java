package org.tremplin.audit.web;

import org.tremplin.shared.DomainException;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How many 360Giving exports a node writes at once. Each holds its selected grants and their projects in memory while
 * it writes (about 100 MB for the 44,715 grants of the generated national store): four at once ran a 512 MB heap out of
 * memory, and every one of them failed. A request waits for a slot up to a bound, then is answered 409 with what to do;
 * nothing is stored either way (the access log records an export once it has a slot and its grants are selected).
 */
final class ExportSlots {

    /** Work done while holding a slot. */
    interface Work<T> {
        T run() throws java.io.IOException;
    }

    private final Semaphore slots;
    private final int count;
    private final Duration wait;

    ExportSlots(int count, Duration wait) {
        if (count < 1) {
            throw new IllegalArgumentException("At least one export slot, got " + count);
        }
        this.count = count;
        this.slots = new Semaphore(count, true);
        this.wait = wait;
    }

    <T> T run(Work<T> work) throws java.io.IOException {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DomainException.conflict("The export was interrupted while it waited for its turn; nothing was stored: "
                    + "try again");
        }
        if (!acquired) {
            throw DomainException.conflict("This node is already writing " + count + " 360Giving export(s), each holding "
                    + "its grants in memory, and none ended within " + wait.toSeconds() + " s; nothing was stored: try "
                    + "again in a minute, or select fewer grants (a project, a shorter period)");
        }
        try {
            return work.run();
        } finally {
            slots.release();
        }
    }
}

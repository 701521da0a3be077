package org.tremplin.platform.config;

import java.util.Iterator;

/** The runs of consecutive indexes in a tracking token's gaps, which the storage engine handles a run at a time. */
final class GapRuns {

    private GapRuns() {
    }

    /** A run of consecutive gaps, from its first index to its last. */
    interface Run {
        void accept(long first, long last);
    }

    /** Calls the action with each run of the given gaps, which must be in ascending order without repeats. */
    static void forEach(Iterable<Long> ascendingGaps, Run action) {
        Iterator<Long> iterator = ascendingGaps.iterator();
        if (!iterator.hasNext()) {
            return;
        }
        long first = iterator.next();
        long last = first;
        while (iterator.hasNext()) {
            long next = iterator.next();
            if (next != last + 1) {
                action.accept(first, last);
                first = next;
            }
            last = next;
        }
        action.accept(first, last);
    }
}

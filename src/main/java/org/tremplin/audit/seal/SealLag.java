package org.tremplin.audit.seal;

/**
 * How far sealing lags behind the event store, read without recomputing the chain.
 *
 * @param sealedThrough            the last sealed global index
 * @param unsealedEvents           stored events after it: counted when at most {@link #COUNTED_UP_TO}; beyond, the
 *                                 span of global indexes after it (an upper bound: an index never used counts)
 * @param unsealedCounted          whether {@code unsealedEvents} was counted (false: the span)
 * @param oldestUnsealedAgeSeconds age of the first of them (0 when none)
 * @param pendingGaps              holes seen and not settled yet (seal_gap)
 */
public record SealLag(long sealedThrough, long unsealedEvents, boolean unsealedCounted, long oldestUnsealedAgeSeconds,
                      long pendingGaps) {

    /**
     * Unsealed events are counted exactly up to this many. Counting more reads every one of them (on H2 the rows
     * themselves: 3 s and 2.5 GB of garbage for a million, every reading), for a figure whose size is what matters.
     */
    public static final int COUNTED_UP_TO = 10_000;
}

package org.tremplin.audit.seal;

/**
 * The outcome of recomputing the chain.
 *
 * @param verified                 true only when the status is VERIFIED: every stored event is sealed and checks out
 * @param status                   VERIFIED, UNSEALED (the sealed part checks out, {@code unsealedEvents} are not
 *                                 sealed yet, so not checked) or BROKEN ({@code firstProblem} names what)
 * @param eventsChecked            events recomputed before the first problem (all sealed events when none)
 * @param sealedThrough            the last sealed global index (the range checked is 1..sealedThrough)
 * @param unsealedEvents           stored events after sealedThrough, not sealed yet (not checked)
 * @param oldestUnsealedAgeSeconds age of the first unsealed event (by its timestamp), 0 when none
 * @param checkpointsChecked       checkpoints (stored and given) compared with the recomputed chain
 * @param firstProblem             the first problem in globalIndex order, or null
 * @param mode                     FULL (recomputed from index 1, trusting nothing) or INCREMENTAL (recomputed from
 *                                 the end of what an earlier verification proved, trusting that prefix)
 * @param checkedFrom              the first global index recomputed by this run (1 for a full run; after
 *                                 sealedThrough when an incremental run found nothing new)
 * @param coverage                 what this run covered and what it trusted, in words, e.g. "from verification 12
 *                                 (FULL, through index 9,000,000) to index 9,000,100"
 */
public record SealVerification(boolean verified, Status status, long eventsChecked, long sealedThrough,
                               long unsealedEvents, long oldestUnsealedAgeSeconds, long checkpointsChecked,
                               Problem firstProblem, Mode mode, long checkedFrom, String coverage) {

    public enum Status { VERIFIED, UNSEALED, BROKEN }

    /** FULL trusts nothing; INCREMENTAL trusts the prefix an earlier verification proved (see audit-seals.md). */
    public enum Mode { FULL, INCREMENTAL }

    /**
     * LATE_ARRIVAL: an event stored at an index already sealed as a permanent gap, written before that (a
     * transaction that outlived the gap timeout); INSERTED: any other event the chain does not hold.
     */
    public enum Kind { ALTERED, DELETED, INSERTED, LATE_ARRIVAL, REORDERED, CHECKPOINT_MISMATCH }

    public record Problem(Kind kind, long globalIndex, String eventIdentifier, String aggregateIdentifier,
                          Long sequenceNumber, String detail) {
    }

    public SealVerification {
        if (verified != (status == Status.VERIFIED)) {
            throw new IllegalArgumentException("verified is true exactly when the status is VERIFIED");
        }
    }

    static SealVerification of(long eventsChecked, long sealedThrough, long unsealedEvents,
                               long oldestUnsealedAgeSeconds, long checkpointsChecked, Problem firstProblem,
                               Mode mode, long checkedFrom, String coverage) {
        Status status = firstProblem != null ? Status.BROKEN
                : unsealedEvents > 0 ? Status.UNSEALED : Status.VERIFIED;
        return new SealVerification(status == Status.VERIFIED, status, eventsChecked, sealedThrough, unsealedEvents,
                oldestUnsealedAgeSeconds, checkpointsChecked, firstProblem, mode, checkedFrom, coverage);
    }
}

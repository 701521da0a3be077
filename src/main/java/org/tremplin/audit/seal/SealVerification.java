package org.tremplin.audit.seal;

/**
 * The outcome of recomputing the chain.
 *
 * @param verified          no problem found
 * @param eventsChecked     events recomputed before the first problem (all sealed events when verified)
 * @param sealedThrough     the last sealed global index (the range checked is 1..sealedThrough)
 * @param unsealedEvents    stored events after sealedThrough, not sealed yet (not checked)
 * @param checkpointsChecked checkpoints (stored and given) compared with the recomputed chain
 * @param firstProblem      the first problem in globalIndex order, or null
 */
public record SealVerification(boolean verified, long eventsChecked, long sealedThrough, long unsealedEvents,
                               long checkpointsChecked, Problem firstProblem) {

    public enum Kind { ALTERED, DELETED, INSERTED, REORDERED, CHECKPOINT_MISMATCH }

    public record Problem(Kind kind, long globalIndex, String eventIdentifier, String aggregateIdentifier,
                          Long sequenceNumber, String detail) {
    }
}

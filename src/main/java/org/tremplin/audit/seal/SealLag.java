package org.tremplin.audit.seal;

/**
 * How far sealing lags behind the event store, read without recomputing the chain.
 *
 * @param sealedThrough            the last sealed global index
 * @param unsealedEvents           stored events after it
 * @param oldestUnsealedAgeSeconds age of the first of them (0 when none)
 * @param pendingGaps              holes seen and not settled yet (seal_gap)
 */
public record SealLag(long sealedThrough, long unsealedEvents, long oldestUnsealedAgeSeconds, long pendingGaps) {
}

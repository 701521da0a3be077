package org.tremplin.audit.seal;

import java.time.OffsetDateTime;

/** One link of the chain: an event, or a permanent gap when {@code eventIdentifier} is null. */
record SealEntry(long globalIndex, String eventIdentifier, String aggregateIdentifier, Long sequenceNumber,
                 String seal, String previousSeal, OffsetDateTime sealedAt) {

    boolean isGap() {
        return eventIdentifier == null;
    }
}

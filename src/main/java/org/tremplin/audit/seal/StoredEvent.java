package org.tremplin.audit.seal;

/** One row of DomainEventEntry exactly as stored (the bytes the seal covers). */
record StoredEvent(long globalIndex, String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
                   String type, String payloadType, String payloadRevision, String timeStamp,
                   byte[] payload, byte[] metaData) {
}

package org.tremplin.audit.seal;

import java.time.OffsetDateTime;

/** The chain value at a global index, meant to be copied outside the system. */
public record SealCheckpoint(long id, long globalIndex, String seal, OffsetDateTime createdAt) {
}

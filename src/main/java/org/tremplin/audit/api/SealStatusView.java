package org.tremplin.audit.api;

import java.time.Instant;

/**
 * The seal chain's verification as other contexts may show it: no event content, only the outcome.
 * {@code verified} is true only when {@code status} is VERIFIED (every stored event sealed and checked);
 * UNSEALED means the sealed part checks out but {@code unsealedEvents} are not sealed yet; BROKEN names a problem.
 */
public record SealStatusView(boolean verified, String status, long sealedThrough, long unsealedEvents,
                             long oldestUnsealedAgeSeconds, String problem, Instant checkedAt) {
}

package org.tremplin.audit.api;

import java.time.Instant;

/** The seal chain's verification as other contexts may show it: no event content, only the outcome. */
public record SealStatusView(boolean verified, long sealedThrough, long unsealedEvents, String problem,
                             Instant checkedAt) {
}

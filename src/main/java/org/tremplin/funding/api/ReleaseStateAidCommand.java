package org.tremplin.funding.api;

import java.math.BigDecimal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Takes back aid from a partner's ledger that will never be paid (lapse, withdrawal, budget shift out).
 */
public record ReleaseStateAidCommand(
        @TargetAggregateIdentifier String ledgerId,
        String applicationId,
        String funderId,
        BigDecimal amount,
        String reason) {
}

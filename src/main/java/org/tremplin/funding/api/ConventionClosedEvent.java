package org.tremplin.funding.api;

import java.math.BigDecimal;
import org.axonframework.serialization.Revision;

/**
 * The final balance was paid and the convention closed; what was paid in all, and the part of the grant
 * never paid (released).
 */
@Revision("1")
public record ConventionClosedEvent(
        String applicationId,
        String conventionId,
        String projectId,
        String funderId,
        String organisationId,
        BigDecimal grantedAmount,
        BigDecimal paidTotal,
        BigDecimal releasedAmount) implements FundingEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

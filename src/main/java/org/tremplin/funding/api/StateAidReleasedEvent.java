package org.tremplin.funding.api;

import java.math.BigDecimal;
import org.axonframework.serialization.Revision;

/**
 * Aid that will never be paid was taken back from a partner's state-aid ledger.
 */
@Revision("1")
public record StateAidReleasedEvent(
        String ledgerId,
        String projectId,
        String organisationId,
        String applicationId,
        String funderId,
        BigDecimal amount,
        BigDecimal totalAid,
        String reason) implements FundingEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

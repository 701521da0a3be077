package org.tremplin.funding.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A partner's convention with the funder was signed, with its tranche schedule (and, for a pooled fund,
 * the contributors' shares that every payment is split by).
 */
@Revision("1")
public record ConventionSignedEvent(
        String applicationId,
        String conventionId,
        String projectId,
        String funderId,
        String organisationId,
        BigDecimal grantedAmount,
        BigDecimal ratePercent,
        LocalDate signedOn,
        LocalDate endDate,
        BigDecimal advancePercent,
        BigDecimal interimCapPercent,
        List<PooledFundContributor> contributors) implements FundingEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

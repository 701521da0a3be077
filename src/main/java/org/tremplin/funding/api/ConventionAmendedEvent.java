package org.tremplin.funding.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * A convention was amended; each amendment is a new version of the convention (version 1 is the signed
 * or granted text), with what it changed before and after.
 */
@Revision("1")
public record ConventionAmendedEvent(
        String applicationId,
        String conventionId,
        String projectId,
        String funderId,
        String organisationId,
        int version,
        AmendmentKind kind,
        BigDecimal grantedAmountBefore,
        BigDecimal grantedAmountAfter,
        LocalDate endDateBefore,
        LocalDate endDateAfter,
        String counterpartOrganisationId,
        String reason) implements FundingEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

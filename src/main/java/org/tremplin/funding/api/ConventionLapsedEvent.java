package org.tremplin.funding.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * A granted convention was not signed by its contracting deadline: the selection is lost and the grant
 * released.
 */
@Revision("1")
public record ConventionLapsedEvent(
        String applicationId,
        String conventionId,
        String projectId,
        String funderId,
        String organisationId,
        LocalDate contractingDeadline,
        BigDecimal releasedAmount) implements FundingEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

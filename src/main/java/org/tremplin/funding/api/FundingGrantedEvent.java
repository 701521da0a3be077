package org.tremplin.funding.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The funder granted the application, per partner (partial when below the request), with the reasons
 * given; each granted partner needs a convention signed by the contracting deadline.
 */
@Revision("1")
public record FundingGrantedEvent(
        String applicationId,
        String projectId,
        String funderId,
        List<GrantedAid> grants,
        BigDecimal grantedTotal,
        boolean partial,
        String reasons,
        LocalDate decidedOn,
        LocalDate contractingDeadline) implements FundingEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

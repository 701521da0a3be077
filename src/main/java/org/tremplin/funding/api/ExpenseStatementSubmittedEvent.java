package org.tremplin.funding.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * A partner submitted a certified expense statement for its convention.
 */
@Revision("1")
public record ExpenseStatementSubmittedEvent(
        String applicationId,
        String conventionId,
        String projectId,
        String funderId,
        String organisationId,
        String statementId,
        LocalDate periodEnd,
        BigDecimal amount,
        boolean finalStatement) implements FundingEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

package org.tremplin.funding.api;

import java.math.BigDecimal;
import org.axonframework.serialization.Revision;

/**
 * An expense statement was approved (in full or in part); the convention's approved expenses after it.
 */
@Revision("1")
public record ExpenseStatementApprovedEvent(
        String applicationId,
        String conventionId,
        String projectId,
        String funderId,
        String organisationId,
        String statementId,
        BigDecimal approvedAmount,
        BigDecimal approvedTotal,
        boolean finalStatement,
        String comment) implements FundingEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

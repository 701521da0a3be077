package org.tremplin.funding.api;

import org.axonframework.serialization.Revision;

/**
 * An expense statement was rejected, with the reasons the partner must address.
 */
@Revision("1")
public record ExpenseStatementRejectedEvent(
        String applicationId,
        String conventionId,
        String projectId,
        String funderId,
        String organisationId,
        String statementId,
        String reasons) implements FundingEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

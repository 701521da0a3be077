package org.tremplin.funding.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Staff or the funder reject an expense statement, with the reasons the partner must address.
 */
public record RejectExpenseStatementCommand(
        @TargetAggregateIdentifier String applicationId,
        String conventionId,
        String statementId,
        String reasons) {
}

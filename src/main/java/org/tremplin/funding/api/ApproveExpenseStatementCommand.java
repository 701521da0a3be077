package org.tremplin.funding.api;

import java.math.BigDecimal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Staff or the funder approve an expense statement, in full or in part (approved amount at most the amount
 * stated).
 */
public record ApproveExpenseStatementCommand(
        @TargetAggregateIdentifier String applicationId,
        String conventionId,
        String statementId,
        BigDecimal approvedAmount,
        String comment) {
}

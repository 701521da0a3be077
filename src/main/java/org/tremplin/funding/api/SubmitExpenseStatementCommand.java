package org.tremplin.funding.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A partner submits a certified expense statement for its convention up to a period end; the last one is
 * marked final.
 */
public record SubmitExpenseStatementCommand(
        @TargetAggregateIdentifier String applicationId,
        String conventionId,
        String statementId,
        LocalDate periodEnd,
        BigDecimal amount,
        boolean finalStatement) {
}

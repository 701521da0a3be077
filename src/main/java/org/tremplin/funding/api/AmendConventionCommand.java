package org.tremplin.funding.api;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Amends one convention: extends its end date, or records the partner's withdrawal (the unpaid grant is
 * released). Budget shifts between partners use {@link ShiftBudgetCommand}.
 */
public record AmendConventionCommand(
        @TargetAggregateIdentifier String applicationId,
        String conventionId,
        AmendmentKind kind,
        LocalDate newEndDate,
        String reason) {
}

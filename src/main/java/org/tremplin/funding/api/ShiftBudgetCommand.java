package org.tremplin.funding.api;

import java.math.BigDecimal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Moves part of one partner's grant to another partner of the same application (an amendment on both
 * conventions, each a new version); never below what the giving partner was already paid.
 */
public record ShiftBudgetCommand(
        @TargetAggregateIdentifier String applicationId,
        String fromOrganisationId,
        String toOrganisationId,
        BigDecimal amount,
        String reason) {
}

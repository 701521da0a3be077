package org.tremplin.funding.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Pays the final balance (approved expenses times the rate, within the grant, less everything paid) and
 * closes the convention.
 * {@code paymentReference}: the funder's transfer reference, as typed (optional).
 */
public record PayBalanceCommand(
        @TargetAggregateIdentifier String applicationId,
        String conventionId,
        String paymentId,
        String paymentReference) {
}

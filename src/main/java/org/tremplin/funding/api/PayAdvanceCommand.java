package org.tremplin.funding.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records the payment of a signed convention's advance (its advance percentage of the grant).
 * {@code paymentReference}: the funder's transfer reference, as typed (optional).
 */
public record PayAdvanceCommand(
        @TargetAggregateIdentifier String applicationId,
        String conventionId,
        String paymentId,
        String paymentReference) {
}

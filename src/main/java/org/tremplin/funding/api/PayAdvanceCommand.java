package org.tremplin.funding.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records the payment of a signed convention's advance (its advance percentage of the grant).
 */
public record PayAdvanceCommand(
        @TargetAggregateIdentifier String applicationId,
        String conventionId,
        String paymentId) {
}

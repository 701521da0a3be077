package org.tremplin.funding.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The contracting deadline passed without a signature: the convention lapses (a timer sends it).
 */
public record LapseConventionCommand(
        @TargetAggregateIdentifier String applicationId,
        String conventionId) {
}

package org.tremplin.funding.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Pole staff record what they did about an overdue stage (called the funder, wrote to it, ...).
 */
public record RecordChaseActionCommand(
        @TargetAggregateIdentifier String applicationId,
        String conventionId,
        FundingStage stage,
        String action) {
}

package org.tremplin.funding.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Map;

/** Replaces a funder's service levels; a null contracting deadline keeps the current one. */
public record ChangeServiceLevelsCommand(
        @TargetAggregateIdentifier String funderId,
        Integer contractingDeadlineMonths,
        Map<FundingStage, Integer> serviceLevelDays) {
}

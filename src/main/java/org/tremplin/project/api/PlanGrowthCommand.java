package org.tremplin.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records pole staff's growth decision once the project's R&amp;D is over: the investment round opened for the carrier
 * (its id), or none for now (null).
 */
public record PlanGrowthCommand(@TargetAggregateIdentifier String projectId, String roundId) {
}

package org.tremplin.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record JoinConsortiumCommand(@TargetAggregateIdentifier String projectId, String organisationId, String role,
                                    java.math.BigDecimal plannedBudget) {
}

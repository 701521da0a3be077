package org.tremplin.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CommunicateConclusionsCommand(@TargetAggregateIdentifier String projectId, String message) {
}

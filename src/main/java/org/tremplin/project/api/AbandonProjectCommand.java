package org.tremplin.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AbandonProjectCommand(@TargetAggregateIdentifier String projectId, String reason) {
}

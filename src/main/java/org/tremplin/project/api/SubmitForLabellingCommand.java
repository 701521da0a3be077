package org.tremplin.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record SubmitForLabellingCommand(@TargetAggregateIdentifier String projectId) {
}

package org.tremplin.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RemindLateReviewersCommand(@TargetAggregateIdentifier String projectId) {
}

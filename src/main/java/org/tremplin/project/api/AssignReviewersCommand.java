package org.tremplin.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AssignReviewersCommand(@TargetAggregateIdentifier String projectId, java.util.List<ReviewerAssignment> reviewers,
                                     java.time.LocalDate reviewDeadline) {
}

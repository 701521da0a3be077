package org.tremplin.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordReviewCommand(@TargetAggregateIdentifier String projectId, String reviewerId, Integer score,
                                  Recommendation recommendation, String conclusions) {
}

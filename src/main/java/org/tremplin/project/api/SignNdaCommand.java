package org.tremplin.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record SignNdaCommand(@TargetAggregateIdentifier String projectId, String organisationId, String signatoryUserId) {
}

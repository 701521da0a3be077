package org.tremplin.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeclineInvitationCommand(@TargetAggregateIdentifier String projectId, String organisationId, String reason) {
}

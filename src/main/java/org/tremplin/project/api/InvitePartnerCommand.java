package org.tremplin.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record InvitePartnerCommand(@TargetAggregateIdentifier String projectId, PartnerOrganisation partner) {
}

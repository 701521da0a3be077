package org.tremplin.organisation.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AddOrganisationMemberCommand(@TargetAggregateIdentifier String organisationId, String userId) {
}

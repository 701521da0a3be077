package org.tremplin.organisation.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

public record RegisterOrganisationCommand(
        @TargetAggregateIdentifier String organisationId,
        String name,
        NationalIdScheme nationalIdScheme,
        String nationalId,
        OrganisationKind kind,
        int headcount,
        String region,
        List<String> competences) {
}

package org.tremplin.organisation.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Brings an organisation from an imported data set (the ANR open data) into the registry, with what the source says
 * and nothing more: no headcount, no competences, the kind mapped from the source's category ({@link OrganisationKind#UNKNOWN}
 * where it says nothing), town and region {@code null} where not filled in. The id is derived like a registration's
 * ({@link NationalIdScheme#OTHER} and the source's partner code). Answers {@code true} when the organisation was
 * imported now, {@code false} when an organisation with that id already existed (nothing stored: importing twice
 * changes nothing).
 */
public record ImportOrganisationCommand(
        @TargetAggregateIdentifier String organisationId,
        String name,
        String sourcePartnerCode,
        OrganisationKind kind,
        String sourceCategory,
        String town,
        String region,
        String country,
        String importRunId,
        String sourceFile,
        int sourceRow) {
}

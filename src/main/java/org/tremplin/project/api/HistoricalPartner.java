package org.tremplin.project.api;

import org.tremplin.organisation.api.OrganisationKind;

/**
 * One partner row of an imported historical project: the source's partner code, the registry organisation it was
 * matched to ({@code null} when the source names no organisation: "Non renseigné"), the name as the row spells it,
 * the mapped kind, whether it coordinated the project, town and region ({@code null} when not filled in) and the row
 * of the partners file it came from.
 */
public record HistoricalPartner(
        String partnerCode,
        String organisationId,
        String name,
        OrganisationKind kind,
        boolean coordinator,
        String town,
        String region,
        int sourceRow) {
}

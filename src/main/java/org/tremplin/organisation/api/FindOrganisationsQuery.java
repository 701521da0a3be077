package org.tremplin.organisation.api;

/** The competence map: organisations filtered by competence keyword, kind and region (each optional). */
public record FindOrganisationsQuery(String competence, OrganisationKind kind, String region) {
}

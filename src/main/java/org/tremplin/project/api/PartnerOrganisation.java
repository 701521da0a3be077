package org.tremplin.project.api;

/** An organisation as a project records it when it enters the consortium. */
public record PartnerOrganisation(String organisationId, String name, org.tremplin.organisation.api.OrganisationKind kind) {
}

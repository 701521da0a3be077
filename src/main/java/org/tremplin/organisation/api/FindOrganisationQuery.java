package org.tremplin.organisation.api;

/** Answers an {@code Optional<OrganisationView>}. */
public record FindOrganisationQuery(String organisationId) {
}

package org.tremplin.project.api;

import java.util.Set;

/**
 * Answers, as a list of {@link ProjectView} newest first, the projects in which one of these organisations is a
 * partner (carrier included, whatever its partner status): what an organisation's capacity check or its referent's
 * list needs, without reading every project of the pole.
 */
public record FindProjectsOfOrganisationsQuery(Set<String> organisationIds) {

    public FindProjectsOfOrganisationsQuery {
        organisationIds = organisationIds == null ? Set.of() : Set.copyOf(organisationIds);
    }
}

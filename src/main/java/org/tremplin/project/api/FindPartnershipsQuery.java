package org.tremplin.project.api;

import java.util.Set;

/**
 * Answers, as a list of {@link PartnershipView} newest project first, where organisations stand in the projects at one
 * of these stages: one row per organisation and project, whatever its partner status. It is what a capacity check
 * counts (src/docs/capacity.md): the organisation's row and its project's title and stage, without the project's other
 * partners, its reviews or its other columns. {@code organisationIds} {@code null} means every organisation (the
 * pole's capacity overview); an empty set, none.
 */
public record FindPartnershipsQuery(Set<String> organisationIds, Set<ProjectStatus> projectStatuses) {

    public FindPartnershipsQuery {
        organisationIds = organisationIds == null ? null : Set.copyOf(organisationIds);
        projectStatuses = projectStatuses == null ? Set.of() : Set.copyOf(projectStatuses);
    }

    /** Every organisation's rows in the projects at these stages. */
    public static FindPartnershipsQuery everyOrganisation(Set<ProjectStatus> projectStatuses) {
        return new FindPartnershipsQuery(null, projectStatuses);
    }
}

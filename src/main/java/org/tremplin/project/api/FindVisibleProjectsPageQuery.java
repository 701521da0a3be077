package org.tremplin.project.api;

import java.util.Set;

/**
 * Answers one page of the projects a caller who is neither pole staff nor an auditor may see, newest first, as a
 * {@link ProjectsPage}, the visibility decided by the database: a public project; a members' project for a user who
 * acts for an organisation; a project its organisations carry; a project it was assigned to review; a project one of
 * its organisations is invited to or has joined, unless it is restricted and that organisation has not signed the NDA.
 * A partner pole's user sees only the projects asked of its poles. The same rules as the project API's access rules
 * (project.web's {@code ProjectAccess}), which check every row again.
 *
 * @param userId          the caller
 * @param organisationIds the organisations the caller acts for
 * @param partnerPole     whether the caller is a partner pole's user
 * @param askedProjectIds the projects asked of the caller's poles (a partner pole's user)
 * @param status          only the projects at this stage; {@code null} for all
 * @param offset          how many projects to skip, from 0
 * @param limit           how many projects at most, from 1
 */
public record FindVisibleProjectsPageQuery(String userId, Set<String> organisationIds, boolean partnerPole,
                                           Set<String> askedProjectIds, ProjectStatus status, long offset, int limit) {

    public FindVisibleProjectsPageQuery {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("a user is required");
        }
        organisationIds = Set.copyOf(organisationIds);
        askedProjectIds = Set.copyOf(askedProjectIds);
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be 0 or more: " + offset);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be 1 or more: " + limit);
        }
    }
}

package org.tremplin.project.api;

import org.tremplin.organisation.api.ReviewerBackground;

/**
 * A reviewer, the organisations the reviewer acts for (to exclude conflicts of interest) and the background it declared
 * ({@code null} when it declared none), for the pole's panel-mix rule (src/docs/review-panels.md).
 */
public record ReviewerAssignment(String userId, java.util.List<String> organisationIds, ReviewerBackground background) {

    /** A reviewer whose background is not known (none declared). */
    public ReviewerAssignment(String userId, java.util.List<String> organisationIds) {
        this(userId, organisationIds, null);
    }
}

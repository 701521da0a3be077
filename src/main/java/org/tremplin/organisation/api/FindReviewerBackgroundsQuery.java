package org.tremplin.organisation.api;

import java.util.List;

/** The declared backgrounds of the given reviewers (all declared ones when {@code userIds} is null); answers a list of {@link ReviewerBackgroundView}. */
public record FindReviewerBackgroundsQuery(List<String> userIds) {
}

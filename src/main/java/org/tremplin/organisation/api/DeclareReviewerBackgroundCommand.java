package org.tremplin.organisation.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Declares (or changes) a reviewer's background: the reviewer itself, or pole staff on its behalf.
 * {@code profileId} is {@link #profileIdOf(String)} of the user; {@code userIsReviewer} is what the identity store says
 * of the user when the command is sent (the profile refuses a user outside the reviewer group); {@code declaredBy} is
 * the acting user.
 */
public record DeclareReviewerBackgroundCommand(@TargetAggregateIdentifier String profileId, String userId,
                                               ReviewerBackground background, String organisationName, String note,
                                               boolean userIsReviewer, String declaredBy) {

    /** The profile aggregate's id of a reviewer: {@code REVIEWER-<userId>}. */
    public static String profileIdOf(String userId) {
        return "REVIEWER-" + userId;
    }
}

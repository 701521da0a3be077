package org.tremplin.organisation.api;

import java.time.Instant;

/** A reviewer's current declared background (read model {@code reviewer_background}). */
public record ReviewerBackgroundView(String userId, ReviewerBackground background, String organisationName, String note,
                                     String declaredBy, Instant declaredAt) {
}

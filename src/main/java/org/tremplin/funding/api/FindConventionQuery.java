package org.tremplin.funding.api;

/** Answers an {@code Optional<ConventionView>}. */
public record FindConventionQuery(String conventionId) {
}

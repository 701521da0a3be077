package org.tremplin.project.api;

/**
 * Answers the ids of every user who was ever assigned a review of a project, each once, as a list of {@link String}:
 * the reviewers a pole has worked with, offered when staff assign the next panel.
 */
public record FindKnownReviewersQuery() {
}

package org.tremplin.project.api;

/**
 * Answers a {@code List<HistoricalProjectView>} (partners included), newest edition first: all imported projects,
 * or those where {@code organisationId} was a partner, or those of one edition (each filter optional), at most
 * {@code limit}.
 */
public record FindHistoricalProjectsQuery(String organisationId, Integer edition, int limit) {
}

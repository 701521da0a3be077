package org.tremplin.project.api;

/** Answers an {@code Optional<HistoricalProjectView>}. */
public record FindHistoricalProjectQuery(String projectId) {
}

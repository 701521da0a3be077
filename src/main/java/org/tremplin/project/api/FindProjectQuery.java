package org.tremplin.project.api;

/** Answers an {@code Optional<ProjectView>}. */
public record FindProjectQuery(String projectId) {
}

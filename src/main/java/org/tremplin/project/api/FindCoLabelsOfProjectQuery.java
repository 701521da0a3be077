package org.tremplin.project.api;

/** A project's requests to partner poles, oldest first. */
public record FindCoLabelsOfProjectQuery(String projectId) {
}

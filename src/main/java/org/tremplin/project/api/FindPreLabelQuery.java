package org.tremplin.project.api;

/** Answers the project's pre-label ({@link PreLabelView}, its latest round), if one was ever asked for. */
public record FindPreLabelQuery(String projectId) {
}

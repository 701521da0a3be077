package org.tremplin.project.api;

/** Answers every project as a list of {@link ProjectView}, newest first. */
public record FindProjectsQuery() {
}

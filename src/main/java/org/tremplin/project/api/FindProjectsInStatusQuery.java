package org.tremplin.project.api;

import java.util.Set;

/**
 * Answers, as a list of {@link ProjectView} newest first, the projects at one of these stages: what the pole's
 * capacity overview needs (the candidate and running projects), without reading every project of the pole.
 */
public record FindProjectsInStatusQuery(Set<ProjectStatus> statuses) {

    public FindProjectsInStatusQuery {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    }
}

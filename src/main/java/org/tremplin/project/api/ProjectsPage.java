package org.tremplin.project.api;

import java.util.List;

/**
 * One page of the projects, newest first.
 *
 * @param total    how many projects there are in all (at that stage, if the query named one)
 * @param projects the projects of the page, with their partners and reviews
 */
public record ProjectsPage(long total, List<ProjectView> projects) {

    public ProjectsPage {
        projects = List.copyOf(projects);
    }
}

package org.tremplin.project.api;

/**
 * Answers one page of every project, newest first (the order of {@link FindProjectsQuery}), as a {@link ProjectsPage}:
 * the rows of that page only, and how many projects there are in all. For callers who may see every project (pole
 * staff, auditors), so that a national list is read one page at a time.
 *
 * @param status only the projects at this stage; {@code null} for all
 * @param offset how many projects to skip, from 0
 * @param limit  how many projects at most, from 1
 */
public record FindProjectsPageQuery(ProjectStatus status, long offset, int limit) {

    public FindProjectsPageQuery {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be 0 or more: " + offset);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be 1 or more: " + limit);
        }
    }
}

package org.tremplin.project.api;

/** A reviewer and the organisations the reviewer acts for (to exclude conflicts of interest). */
public record ReviewerAssignment(String userId, java.util.List<String> organisationIds) {
}

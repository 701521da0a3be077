package org.tremplin.funding.api;

/**
 * Answers a {@link ProjectCapacityView}: the capacity check of a project's carrier and of each partner that joined
 * (carrier first), each across all its running and candidate projects; empty checks when the project is unknown.
 */
public record FindProjectCapacityQuery(String projectId) {
}

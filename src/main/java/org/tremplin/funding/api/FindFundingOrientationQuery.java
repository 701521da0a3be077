package org.tremplin.funding.api;

/**
 * Answers the funding orientation of a project's consortium today ({@code org.tremplin.project.api.PreLabelOrientation}):
 * the calls open today, eligibility, rates and expected aid, and the funders' lead times. Computed on each ask, stores
 * nothing.
 */
public record FindFundingOrientationQuery(String projectId) {
}

package org.tremplin.portfolio.api;

/**
 * A spelling of an organisation's name that the import merged into another: the organisation it became part of, the
 * name kept, the name merged, how many partner rows spelled it so, and why they are taken to be the same body.
 */
public record OrganisationMerge(String organisationId, String keptName, String mergedName, int rows, String reason) {
}

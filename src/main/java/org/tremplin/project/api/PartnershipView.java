package org.tremplin.project.api;

import java.math.BigDecimal;

/**
 * An organisation's place in a project: the project's identifier, title and stage, and the organisation's partner
 * status and planned budget in it (answers {@link FindPartnershipsQuery}).
 */
public record PartnershipView(String projectId, String projectTitle, ProjectStatus projectStatus,
                              String organisationId, PartnerStatus status, BigDecimal plannedBudget) {
}

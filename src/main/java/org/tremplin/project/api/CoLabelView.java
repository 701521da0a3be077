package org.tremplin.project.api;

import java.time.Instant;

/** A project's latest request to one partner pole, and the pole's decision once made. */
public record CoLabelView(String id, String projectId, String poleId, String poleName, CoLabelStatus status,
                          String requestedBy, Instant requestedAt, String message, String decidedBy, Instant decidedAt,
                          String conclusions, String withdrawnBy, Instant withdrawnAt, String withdrawalReason) {
}

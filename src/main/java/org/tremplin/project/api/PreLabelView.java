package org.tremplin.project.api;

import java.time.Instant;
import java.util.List;

/**
 * A project's pre-label as kept with the file: its latest round ({@code PENDING} until the opinion, then
 * {@code ANSWERED}; {@code CLOSED} when it was closed without an opinion, the project being abandoned, with
 * {@code closedReason} and {@code closedAt}), the opinion and advice once given, and the round's funding orientation.
 */
public record PreLabelView(String projectId, String preLabelId, int round, String status, String requestedBy,
                           Instant requestedAt, String note, PreLabelOpinion opinion, String advice,
                           List<String> requiredChanges, String expert, Instant answeredAt,
                           PreLabelOrientation orientation, Instant orientationAt,
                           String closedReason, Instant closedAt) {
}

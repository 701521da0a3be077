package org.tremplin.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Keeps the funding orientation computed for the pending round of a pre-label with the file. */
public record RecordPreLabelOrientationCommand(@TargetAggregateIdentifier String preLabelId, int round,
                                               PreLabelOrientation orientation) {
}

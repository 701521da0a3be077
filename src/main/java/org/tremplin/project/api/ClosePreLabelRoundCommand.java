package org.tremplin.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Closes the pending pre-label round without an opinion, with the reason (the project was abandoned): nobody is to
 * answer it any more. Refused when no round is pending.
 */
public record ClosePreLabelRoundCommand(@TargetAggregateIdentifier String preLabelId, String reason, String closedBy) {
}

package org.tremplin.funding.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The funder accepts the partner's final report (after the final statement is approved), opening the
 * final balance.
 */
public record AcceptFinalReportCommand(
        @TargetAggregateIdentifier String applicationId,
        String conventionId,
        String comment) {
}

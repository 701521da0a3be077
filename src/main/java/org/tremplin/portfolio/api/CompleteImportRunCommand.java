package org.tremplin.portfolio.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Completes a run whose rows are all done; its report is then final. */
public record CompleteImportRunCommand(@TargetAggregateIdentifier String runId) {
}

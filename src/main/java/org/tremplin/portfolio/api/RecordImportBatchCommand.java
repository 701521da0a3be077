package org.tremplin.portfolio.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Records that the project rows from {@code fromRow} (inclusive, 0-based among the data rows) to {@code toRow}
 * (exclusive) were imported, with what they did and the rows refused. Sent in the same transaction as the rows'
 * own commands, so the batch and its rows are stored together or not at all. {@code fromRow} must be the run's rows
 * done: a batch is never counted twice.
 */
public record RecordImportBatchCommand(
        @TargetAggregateIdentifier String runId,
        int fromRow,
        int toRow,
        ImportCounts counts,
        List<ImportRefusal> refusals) {
}

package org.tremplin.portfolio.api;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * A batch of project rows of an import run was imported, in the same transaction as its rows' events: the rows
 * (from inclusive, to exclusive, 0-based among the data rows), what they did, the rows refused, and the run's rows
 * done after it.
 */
@Revision("1")
public record ImportBatchRecordedEvent(
        String runId,
        int fromRow,
        int toRow,
        ImportCounts counts,
        List<ImportRefusal> refusals,
        int rowsDone,
        int totalRows) {
}

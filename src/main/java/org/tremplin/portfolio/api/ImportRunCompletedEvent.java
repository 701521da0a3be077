package org.tremplin.portfolio.api;

import org.axonframework.serialization.Revision;

/** Every row of an import run is done: the final report's totals (the refusals are in the batches' events). */
@Revision("1")
public record ImportRunCompletedEvent(String runId, int totalRows, ImportCounts totals, int merges, int fileRefusals) {
}

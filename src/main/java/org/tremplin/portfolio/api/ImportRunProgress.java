package org.tremplin.portfolio.api;

/** Where a run stands, as its aggregate knows it: rows done (every row below is done) and whether it completed. */
public record ImportRunProgress(int rowsDone, int totalRows, boolean completed) {
}

package org.tremplin.portfolio.api;

/** Answers the import runs, newest first, as {@code List<ImportRunView>} (without their merge lists). */
public record FindImportRunsQuery() {
}

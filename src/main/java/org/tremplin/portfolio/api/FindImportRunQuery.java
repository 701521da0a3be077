package org.tremplin.portfolio.api;

/** Answers an {@code Optional<ImportRunView>}. */
public record FindImportRunQuery(String runId) {
}

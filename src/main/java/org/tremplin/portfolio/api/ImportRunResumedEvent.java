package org.tremplin.portfolio.api;

import org.axonframework.serialization.Revision;

/** An interrupted import run was started again on the same files: it resumes after the rows already done. */
@Revision("1")
public record ImportRunResumedEvent(String runId, int rowsDone, int totalRows) {
}

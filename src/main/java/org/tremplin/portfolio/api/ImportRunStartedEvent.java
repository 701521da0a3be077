package org.tremplin.portfolio.api;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * An import run started on files identified by their content hash: the source, the number of project rows and partner
 * rows, the organisation names it merged (the merge report, decided from the files before any row is imported) and
 * the rows refused before the run (partner rows whose project is not in the projects file).
 */
@Revision("1")
public record ImportRunStartedEvent(
        String runId,
        String source,
        String contentHash,
        int totalRows,
        int totalPartnerRows,
        List<OrganisationMerge> merges,
        List<ImportRefusal> fileRefusals) {
}

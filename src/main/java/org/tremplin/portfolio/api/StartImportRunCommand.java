package org.tremplin.portfolio.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Starts an import run, or resumes it when a run of the same content was interrupted. The run id is derived from the
 * content hash of the files, so the same files always meet the same run. Answers the run's {@link ImportRunProgress}:
 * a completed run is left as it is (importing the same files again changes nothing).
 */
public record StartImportRunCommand(
        @TargetAggregateIdentifier String runId,
        String source,
        String contentHash,
        int totalRows,
        int totalPartnerRows,
        List<OrganisationMerge> merges,
        List<ImportRefusal> fileRefusals) {

    /** {@code IMPORT-} and the first 16 hexadecimal digits of the content hash. */
    public static String runId(String contentHash) {
        return "IMPORT-" + contentHash.substring(0, 16).toUpperCase(java.util.Locale.ROOT);
    }
}

package org.tremplin.portfolio.api;

import java.time.Instant;
import java.util.List;

/**
 * An import run's progress and report: rows done of the total, the rate since it (re)started (rows per second), the
 * estimated time left, the counts, the refused rows and the merges.
 */
public record ImportRunView(
        String id,
        String source,
        String contentHash,
        String status,
        int totalRows,
        int totalPartnerRows,
        int rowsDone,
        Double rowsPerSecond,
        Long etaSeconds,
        ImportCounts counts,
        List<ImportRefusal> refusals,
        List<OrganisationMerge> merges,
        String startedBy,
        Instant startedAt,
        Instant resumedAt,
        Instant completedAt) {
}

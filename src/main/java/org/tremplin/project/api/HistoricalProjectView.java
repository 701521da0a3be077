package org.tremplin.project.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An imported historical project as the read model holds it; {@code imported} is always true, for readers' sake. */
public record HistoricalProjectView(
        String id,
        String acronym,
        String title,
        String summary,
        String funder,
        String programme,
        int edition,
        LocalDate startDate,
        BigDecimal allocatedAid,
        String coordinatorOrganisationId,
        List<HistoricalPartner> partners,
        boolean imported,
        String importRunId,
        String sourceFile,
        int sourceRow,
        Instant importedAt) {
}

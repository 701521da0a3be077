package org.tremplin.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Records a project that ran before Tremplin, as imported history (the ANR open data): its decision code is its id,
 * its partners as the source lists them, the funder's programme and call edition, its start date ({@code null} when
 * the source has none) and the aid the funder allocated (0 when the source has not filled it in). Starts no process
 * and opens no step: a historical project takes no command after this one. Answers {@code true} when recorded now,
 * {@code false} when a project with that decision code was already imported (nothing stored).
 */
public record ImportHistoricalProjectCommand(
        @TargetAggregateIdentifier String projectId,
        String acronym,
        String title,
        String summary,
        String funder,
        String programme,
        int edition,
        LocalDate startDate,
        BigDecimal allocatedAid,
        List<HistoricalPartner> partners,
        String importRunId,
        String sourceFile,
        int sourceRow,
        String partnersFile) {
}

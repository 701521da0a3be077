package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A project that ran before Tremplin was brought in as imported history, not as steps taken here: its decision code,
 * acronym, title and abstract, the funder, programme and call edition, start date ({@code null} when unknown), the
 * aid the funder allocated (0 when the source has not filled it in), its partners with the coordinator, and where it
 * came from (import run, source file and row, partners file). No process runs for it.
 */
@Revision("1")
public record HistoricalProjectImportedEvent(
        String projectId,
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
        String importRunId,
        String sourceFile,
        int sourceRow,
        String partnersFile) implements ProjectEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

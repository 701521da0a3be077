package org.tremplin.project.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** One page of the imported portfolio and the number of projects matching its filters. */
public record PortfolioPage(List<Line> lines, long total, int offset, int limit) {

    /**
     * One imported historical project: its coordinator's name as the source spells it ({@code null} when none is
     * named) and, when the page is of one organisation, that organisation's role in it ({@code COORDINATOR} or
     * {@code PARTNER}; {@code null} otherwise).
     */
    public record Line(String id, String acronym, String title, String programme, int edition, LocalDate startDate,
                       BigDecimal allocatedAid, int partnerCount, String coordinatorName, String role) {
    }
}

package org.tremplin.project.api;

import java.math.BigDecimal;
import java.util.List;

/**
 * The imported portfolio (historical projects, imported history, never projects run in Tremplin) in figures: how many
 * projects, how many distinct organisations took part, the total aid the source says was allocated (aid 0, "not
 * filled in", adds nothing and is counted apart), per programme (most projects first) and per edition (newest first).
 */
public record PortfolioSummaryView(
        long projects,
        long organisations,
        BigDecimal totalAid,
        long aidNotFilled,
        List<Count> byProgramme,
        List<Count> byEdition) {

    /** One programme's or edition's projects and their allocated aid. */
    public record Count(String key, long projects, BigDecimal aid) {
    }
}

package org.tremplin.funding.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The pole's members by load: one line per organisation taking part in a running or candidate project, the worst
 * verdict first (then by name), with the figures the decision table read (src/docs/capacity.md).
 */
public record CapacityOverviewView(LocalDate asOf, List<Line> organisations) {

    public record Line(String organisationId, String organisationName, String organisationKind, int headcount,
                       String size, CapacityVerdict verdict, List<String> reasons, BigDecimal coFundingToBear,
                       BigDecimal coFundingRatio, BigDecimal deepestGapP90, java.time.YearMonth deepestGapP90Month,
                       BigDecimal deepestGapP90Ratio, int concurrentProjects, BigDecimal effortShare) {
    }
}

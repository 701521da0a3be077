package org.tremplin.funding.api;

import java.math.BigDecimal;
import java.util.List;

/**
 * Lead times per funder and funding stage, measured between the recorded events' timestamps over completed
 * stages: count, median and 90th percentile (days with two decimals, half-up, and whole seconds, truncated), the
 * funder's service level in days and how many measured stages exceeded it (duration strictly longer than the
 * service level); {@code open} counts stages started and not ended (a lapsed convention's stage never ends).
 * {@code method} names the percentile method: {@link #NEAREST_RANK}.
 */
public record LeadTimeStatsView(
        String method,
        String funderId,
        List<Stat> stats) {

    /**
     * Nearest rank: the durations sorted ascending, the p-th percentile is the value at rank ceil(p / 100 × n)
     * (1-based); the median is the 50th percentile. Never interpolated: every figure is a measured duration.
     */
    public static final String NEAREST_RANK = "NEAREST_RANK: sorted ascending, p-th percentile = value at rank ceil(p/100 * n)";

    public record Stat(
            String funderId,
            String funderName,
            FundingStage stage,
            Integer serviceLevelDays,
            int count,
            BigDecimal medianDays,
            BigDecimal p90Days,
            Long medianSeconds,
            Long p90Seconds,
            int exceeded,
            int open) {
    }
}

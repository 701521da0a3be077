package org.tremplin.funding.query;

import org.tremplin.funding.api.LeadTimeStatsView;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;

/**
 * Lead-time arithmetic, kept pure so that tests recompute it the same way: percentiles by the nearest-rank method
 * ({@link LeadTimeStatsView#NEAREST_RANK}) on durations sorted ascending, days with two decimals (half-up) and
 * whole seconds (truncated).
 */
public final class LeadTimes {

    private static final BigDecimal MILLIS_PER_DAY = BigDecimal.valueOf(86_400_000L);

    private LeadTimes() {
    }

    /** The p-th percentile (0 &lt; p ≤ 100) of durations sorted ascending: the value at rank ceil(p/100 × n). */
    public static Duration percentile(List<Duration> sortedAscending, int p) {
        if (sortedAscending.isEmpty()) {
            return null;
        }
        return sortedAscending.get(rank(sortedAscending.size(), p) - 1);
    }

    /** The 1-based rank of the p-th percentile among n &gt; 0 values sorted ascending: ceil(p/100 × n), within 1..n. */
    public static int rank(int n, int p) {
        return Math.max(1, Math.min((int) Math.ceil(p * n / 100.0), n));
    }

    public static BigDecimal days(Duration duration) {
        return duration == null ? null
                : BigDecimal.valueOf(duration.toMillis()).divide(MILLIS_PER_DAY, 2, RoundingMode.HALF_UP);
    }

    public static Long seconds(Duration duration) {
        return duration == null ? null : duration.getSeconds();
    }

    /** A stage exceeds its service level when it lasted strictly longer than that many days. */
    public static boolean exceeds(Duration duration, Integer serviceLevelDays) {
        return serviceLevelDays != null && duration.compareTo(Duration.ofDays(serviceLevelDays)) > 0;
    }
}

package org.tremplin.funding.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * An organisation's load across all its running and candidate projects, computed from the recorded events' read
 * models (never typed in) by {@code org.tremplin.funding.query.CarrierCapacity}; the rules are in
 * {@code src/docs/capacity.md}. Amounts in euros with two decimals, ratios in percent with two decimals.
 *
 * @param size              the size class the decision table reads: micro, small, medium or large
 * @param annualCapacity    the annual capacity proxy: headcount × the configured amount per head
 * @param coFundingToBear   costs minus aid (granted, else requested, else expected) over the projects counted
 * @param effortShare       the heaviest year's planned budget against headcount × the cost of a person-year, in %
 * @param verdict           the decision table's verdict, with its {@code reasons} (one per rule that fired)
 * @param payments          every payment, made or still to come, with its predicted dates (median and p90 cases)
 * @param leadTimes         the lead times the predictions used, per funder and stage, and where each came from
 * @param cashMedian        the month-by-month cash position and its deepest gap, payments at their median dates
 * @param cashP90           the same with payments at their 90th-percentile dates
 */
public record CarrierCapacityView(
        String organisationId,
        String organisationName,
        String organisationKind,
        int headcount,
        String size,
        LocalDate asOf,
        CapacityVerdict verdict,
        List<String> reasons,
        BigDecimal annualCapacity,
        BigDecimal coFundingToBear,
        BigDecimal coFundingRatio,
        BigDecimal deepestGapP90Ratio,
        int concurrentProjects,
        BigDecimal effortShare,
        List<ProjectLoad> projects,
        List<YearEffort> effort,
        List<Payment> payments,
        List<LeadTime> leadTimes,
        CashGap cashMedian,
        CashGap cashP90,
        List<String> assumptions) {

    /** One project counted: its status, the organisation's planned budget, its period, aid and co-funding. */
    public record ProjectLoad(String projectId, String title, String status, boolean candidate, BigDecimal plannedBudget,
                              YearMonth start, int months, boolean periodAssumed, BigDecimal aid, String aidBasis,
                              BigDecimal coFunding, List<YearEffort> perYear) {
    }

    /** The planned budget falling in one calendar year and its share of headcount × the cost of a person-year. */
    public record YearEffort(int year, BigDecimal budget, BigDecimal share) {
    }

    /**
     * A payment of one funder to this organisation for one project: ADVANCE, INSTALMENT or BALANCE; {@code paidOn} when
     * it was made, else its predicted dates; {@code basis} says where the dates came from (PAID, MEASURED,
     * SERVICE_LEVEL, DEFAULT — the weakest lead time used along the way).
     */
    public record Payment(String projectId, String funderId, String funderName, String conventionId, String aidState,
                          String kind, BigDecimal amount, LocalDate paidOn, LocalDate medianDate, LocalDate p90Date,
                          String basis) {
    }

    /**
     * A funder's lead time for one stage as the predictions used it: {@code source} MEASURED (at least
     * {@code minimumHistory} completed stages recorded), SERVICE_LEVEL (too thin a history: the funder's service
     * level for both cases) or DEFAULT (no service level either: the configured default).
     */
    public record LeadTime(String funderId, String stage, int measured, int minimumHistory, int medianDays, int p90Days,
                           String source) {
    }

    /** The cumulative cash position month by month (receipts minus costs) and its deepest point from the as-of month. */
    public record CashGap(BigDecimal deepestGap, YearMonth deepestMonth, List<Month> months) {
    }

    public record Month(YearMonth month, BigDecimal costs, BigDecimal receipts, BigDecimal position) {
    }
}

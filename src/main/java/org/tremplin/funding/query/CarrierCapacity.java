package org.tremplin.funding.query;

import org.tremplin.funding.api.CarrierCapacityView;
import org.tremplin.shared.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The carrier-capacity arithmetic, pure so that tests recompute it by hand (rules in {@code src/docs/capacity.md}):
 * <ul>
 *   <li><b>costs</b>: a project's planned budget spread evenly over its months, each month rounded down to the cent,
 *   the last month taking the remainder (so the months add up to the budget exactly);</li>
 *   <li><b>tranches</b>: advance = aid × advance % (down to the cent); an interim statement every
 *   {@code statementIntervalMonths} months of the project, paying the planned costs so far × the funder's share
 *   (aid ÷ planned budget, down to the cent) within the interim cap and less what was paid; the balance pays the rest
 *   of the aid;</li>
 *   <li><b>dates</b>: each stage's lead time in whole days (the measured median or p90 in days with two decimals,
 *   rounded HALF_UP to the day); a date still to come is never before the as-of date;</li>
 *   <li><b>ratios</b>: percentages with two decimals, HALF_UP.</li>
 * </ul>
 */
public final class CarrierCapacity {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    /** The stages a payment's date is predicted through (the funder's {@code FundingStage}s plus statement → instalment). */
    public enum Stage {
        SUBMISSION_TO_DECISION, DECISION_TO_CONVENTION, CONVENTION_TO_FIRST_PAYMENT, STATEMENT_TO_INSTALMENT,
        FIRST_PAYMENT_TO_BALANCE
    }

    public enum Source { MEASURED, SERVICE_LEVEL, DEFAULT }

    public enum AidState { EXPECTED, REQUESTED, GRANTED, SIGNED, ENDED }

    public enum Kind { ADVANCE, INSTALMENT, BALANCE }

    /** The figures a pole may change ({@code tremplin.capacity.*}). */
    public record Settings(int minimumHistory, int defaultDurationMonths, int statementIntervalMonths,
                           BigDecimal personYearCost, BigDecimal annualCapacityPerHead, Map<Stage, Integer> defaultDays) {

        public Settings {
            if (defaultDurationMonths < 1 || statementIntervalMonths < 1) {
                throw new IllegalArgumentException("tremplin.capacity.default-duration-months and "
                        + "tremplin.capacity.statement-interval-months are at least 1 (got " + defaultDurationMonths
                        + " and " + statementIntervalMonths + ")");
            }
        }
    }

    /** A lead time as used: whole days for the median and the p90 case, and where it came from. */
    public record Lag(int medianDays, int p90Days, Source source, int measured) {
        int days(boolean p90) {
            return p90 ? p90Days : medianDays;
        }
    }

    /** A payment already made. */
    public record Paid(Kind kind, LocalDate on, BigDecimal amount) {
    }

    /** One funder's aid to the organisation in one project, at whatever stage it is. */
    public record Aid(String funderId, String funderName, String conventionId, AidState state, BigDecimal amount,
                      BigDecimal advancePercent, BigDecimal interimCapPercent, LocalDate submittedOn,
                      LocalDate decidedOn, LocalDate signedOn, List<Paid> paid, Map<Stage, Lag> lags) {
    }

    /** One project the organisation takes part in, with its period (assumed when no convention gives it). */
    public record Project(String projectId, String title, String status, boolean candidate, BigDecimal plannedBudget,
                          YearMonth start, int months, boolean periodAssumed, String aidBasis, List<Aid> aids) {
    }

    public record Organisation(String id, String name, String kind, int headcount, String size) {
    }

    /** Everything computed before the verdict; {@link #inputs()} are what the decision table reads. */
    public record Result(Organisation organisation, LocalDate asOf, BigDecimal annualCapacity, BigDecimal coFunding,
                         BigDecimal coFundingRatio, BigDecimal deepestGapP90Ratio, int concurrentProjects,
                         BigDecimal effortShare, List<CarrierCapacityView.ProjectLoad> projects,
                         List<CarrierCapacityView.YearEffort> effort, List<CarrierCapacityView.Payment> payments,
                         CarrierCapacityView.CashGap cashMedian, CarrierCapacityView.CashGap cashP90) {

        public CapacityRules.Inputs inputs() {
            return new CapacityRules.Inputs(organisation.size(), coFundingRatio, deepestGapP90Ratio, concurrentProjects,
                    effortShare);
        }
    }

    private CarrierCapacity() {
    }

    // ------------------------------------------------------------------------------------------ lead times

    /**
     * The lead time a prediction uses: the measured median and p90 (nearest rank) when at least {@code minimumHistory}
     * stages were completed, else the funder's service level for both cases, else the default.
     */
    public static Lag lag(List<Duration> durations, Integer serviceLevelDays, int defaultDays, int minimumHistory) {
        List<Duration> sorted = durations.stream().sorted().toList();
        return lag(sorted.size(), LeadTimes.percentile(sorted, 50), LeadTimes.percentile(sorted, 90), serviceLevelDays,
                defaultDays, minimumHistory);
    }

    /**
     * The same from the number of measured durations and the two at the median's and p90's ranks (read at their ranks
     * by the database rather than sorted here); {@code median} and {@code p90} are only read when enough were measured.
     */
    public static Lag lag(int measured, Duration median, Duration p90, Integer serviceLevelDays, int defaultDays,
                          int minimumHistory) {
        if (measured >= minimumHistory && measured > 0) {
            return new Lag(wholeDays(median), wholeDays(p90), Source.MEASURED, measured);
        }
        if (serviceLevelDays != null) {
            return new Lag(serviceLevelDays, serviceLevelDays, Source.SERVICE_LEVEL, measured);
        }
        return new Lag(defaultDays, defaultDays, Source.DEFAULT, measured);
    }

    /** Days with two decimals (HALF_UP, as the lead-time view shows them), then HALF_UP to a whole day. */
    static int wholeDays(Duration duration) {
        return LeadTimes.days(duration).setScale(0, RoundingMode.HALF_UP).intValueExact();
    }

    // ------------------------------------------------------------------------------------------ costs

    /** The budget spread evenly over the months: each rounded down to the cent, the last taking the remainder. */
    public static List<BigDecimal> spread(BigDecimal budget, int months) {
        BigDecimal each = monthly(budget, months);
        List<BigDecimal> out = new ArrayList<>();
        for (int m = 1; m < months; m++) {
            out.add(each);
        }
        out.add(lastMonth(budget, months, each));
        return out;
    }

    /**
     * Each month's cost but the last's in {@link #spread}: the budget over the months, rounded down to the cent. The
     * costs of the first {@code m} months ({@code m} below the number of months) add up to {@code m} times this.
     */
    static BigDecimal monthly(BigDecimal budget, int months) {
        if (months < 1) {
            throw new IllegalArgumentException("a project lasts at least one month");
        }
        return Money.cents(budget.divide(BigDecimal.valueOf(months), 10, RoundingMode.DOWN));
    }

    /** The last month's cost in {@link #spread}: the remainder of the budget. */
    private static BigDecimal lastMonth(BigDecimal budget, int months, BigDecimal monthly) {
        return budget.setScale(2, RoundingMode.UNNECESSARY).subtract(monthly.multiply(BigDecimal.valueOf(months - 1)));
    }

    // ------------------------------------------------------------------------------------------ payments

    /** Every payment of one aid line: those made, then those to come with their median and p90 dates. */
    public static List<CarrierCapacityView.Payment> payments(Project project, Aid aid, LocalDate asOf,
                                                             int statementIntervalMonths) {
        if (statementIntervalMonths < 1) {
            throw new IllegalArgumentException("an interim statement comes every month at most");
        }
        List<CarrierCapacityView.Payment> out = new ArrayList<>();
        BigDecimal paidTotal = ZERO;
        for (Paid paid : aid.paid()) {
            out.add(payment(project, aid, paid.kind(), paid.amount(), paid.on(), null, null, "PAID"));
            paidTotal = paidTotal.add(paid.amount());
        }
        if (aid.state() == AidState.ENDED || aid.amount().signum() <= 0) {
            return out;
        }
        boolean advancePaid = aid.paid().stream().anyMatch(p -> p.kind() == Kind.ADVANCE);
        LocalDate firstPaid = aid.paid().stream().map(Paid::on).min(Comparator.naturalOrder()).orElse(null);
        BigDecimal predictedTotal = paidTotal;
        // Median and p90 milestones.
        LocalDate[] signature = new LocalDate[2];
        LocalDate[] first = new LocalDate[2];
        Source weakest = Source.MEASURED;
        for (int c = 0; c < 2; c++) {
            boolean p90 = c == 1;
            LocalDate decision = aid.decidedOn();
            if (decision == null) {
                LocalDate submitted = aid.submittedOn() == null ? asOf : aid.submittedOn();
                decision = later(submitted.plusDays(aid.lags().get(Stage.SUBMISSION_TO_DECISION).days(p90)), asOf);
            }
            signature[c] = aid.signedOn() != null ? aid.signedOn()
                    : later(decision.plusDays(aid.lags().get(Stage.DECISION_TO_CONVENTION).days(p90)), asOf);
            first[c] = firstPaid != null ? firstPaid
                    : later(signature[c].plusDays(aid.lags().get(Stage.CONVENTION_TO_FIRST_PAYMENT).days(p90)), asOf);
        }
        if (aid.decidedOn() == null) {
            weakest = weaker(weakest, aid.lags().get(Stage.SUBMISSION_TO_DECISION).source());
        }
        if (aid.signedOn() == null) {
            weakest = weaker(weakest, aid.lags().get(Stage.DECISION_TO_CONVENTION).source());
        }
        Source firstSource = firstPaid != null ? weakest
                : weaker(weakest, aid.lags().get(Stage.CONVENTION_TO_FIRST_PAYMENT).source());
        if (!advancePaid && aid.advancePercent() != null && aid.advancePercent().signum() > 0) {
            BigDecimal advance = Money.percentOf(aid.amount(), aid.advancePercent()).min(aid.amount().subtract(predictedTotal));
            if (advance.signum() > 0) {
                out.add(payment(project, aid, Kind.ADVANCE, advance, null, first[0], first[1], firstSource.name()));
                predictedTotal = predictedTotal.add(advance);
            }
        }
        // Interim statements: at the end of each period of the project but the last (the final statement). The planned
        // costs so far at a statement's month m (before the last month) are m months' costs of the spread: the
        // statements' months alone are visited, not every month of the project (a label decision checks every
        // partner's projects, dozens for a busy one)
        BigDecimal cap = aid.interimCapPercent() == null ? ZERO : Money.percentOf(aid.amount(), aid.interimCapPercent());
        Lag instalmentLag = aid.lags().get(Stage.STATEMENT_TO_INSTALMENT);
        // No planned budget (none declared): no share of costs to pay instalments on; the balance pays the aid.
        int interimMonths = project.plannedBudget().signum() > 0 ? project.months() : 0;
        BigDecimal monthly = monthly(project.plannedBudget(), project.months());
        for (int m = statementIntervalMonths; m < interimMonths; m += statementIntervalMonths) {
            LocalDate statementOn = project.start().plusMonths(m - 1).atEndOfMonth();
            if (statementOn.isBefore(asOf)) {
                continue; // a past period: what it paid is among the payments made
            }
            BigDecimal cumulative = monthly.multiply(BigDecimal.valueOf(m));
            BigDecimal earned = Money.cents(cumulative.multiply(aid.amount())
                    .divide(project.plannedBudget(), 10, RoundingMode.DOWN));
            BigDecimal due = Money.cents(earned.min(cap).min(aid.amount()).subtract(predictedTotal).max(BigDecimal.ZERO));
            if (due.signum() <= 0) {
                continue;
            }
            LocalDate[] on = new LocalDate[2];
            for (int c = 0; c < 2; c++) {
                LocalDate from = later(statementOn, first[c]);
                on[c] = later(from.plusDays(instalmentLag.days(c == 1)), asOf);
            }
            out.add(payment(project, aid, Kind.INSTALMENT, due, null, on[0], on[1],
                    weaker(firstSource, instalmentLag.source()).name()));
            predictedTotal = predictedTotal.add(due);
        }
        BigDecimal balance = aid.amount().subtract(predictedTotal);
        if (balance.signum() > 0) {
            Lag balanceLag = aid.lags().get(Stage.FIRST_PAYMENT_TO_BALANCE);
            LocalDate end = project.start().plusMonths(project.months() - 1L).atEndOfMonth();
            LocalDate[] on = new LocalDate[2];
            for (int c = 0; c < 2; c++) {
                on[c] = later(later(first[c].plusDays(balanceLag.days(c == 1)), end), asOf);
            }
            out.add(payment(project, aid, Kind.BALANCE, balance, null, on[0], on[1],
                    weaker(firstSource, balanceLag.source()).name()));
        }
        return out;
    }

    private static CarrierCapacityView.Payment payment(Project project, Aid aid, Kind kind, BigDecimal amount,
                                                       LocalDate paidOn, LocalDate median, LocalDate p90, String basis) {
        return new CarrierCapacityView.Payment(project.projectId(), aid.funderId(), aid.funderName(), aid.conventionId(),
                aid.state().name(), kind.name(), amount, paidOn, median, p90, basis);
    }

    // ------------------------------------------------------------------------------------------ cash gap

    /**
     * The cumulative cash position month by month, from the earliest project start to the last cost or payment:
     * receipts (payments made at their month, others at their median or p90 month) minus costs. The deepest gap is the
     * lowest position from the as-of month on (zero when it never goes below zero), at the first month it is reached.
     */
    public static CarrierCapacityView.CashGap cashGap(List<Project> projects, List<CarrierCapacityView.Payment> payments,
                                                     YearMonth asOf, boolean p90) {
        return cashGap(costsByMonth(projects), payments, asOf, p90);
    }

    /**
     * The projects' planned costs month by month (their budgets spread over their months, {@link #spread}) from the
     * earliest start to the latest end: {@code costs[i]} is month {@code first + i} (months counted from year 0), the
     * same for the median and the p90 cash gap, so the whole check computes them once.
     */
    record MonthlyCosts(int first, BigDecimal[] costs) {

        boolean isEmpty() {
            return costs.length == 0;
        }

        int last() {
            return first + costs.length - 1;
        }

        BigDecimal at(int month) {
            return month < first || month > last() ? ZERO : costs[month - first];
        }
    }

    /**
     * Each month's planned costs as the running sum of the changes the projects make: a project adds its monthly cost
     * from its first month, the difference to its last month's cost in its last month, and takes its last month's cost
     * away the month after. The same sums, to the cent and scale, as adding every month of every project (exact
     * decimal arithmetic), with three additions a project instead of one a month: the label decision checks every
     * partner, and a busy partner runs dozens of projects of a few dozen months each.
     */
    static MonthlyCosts costsByMonth(List<Project> projects) {
        if (projects.isEmpty()) {
            return new MonthlyCosts(0, new BigDecimal[0]);
        }
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        for (Project project : projects) {
            int start = month(project.start());
            first = Math.min(first, start);
            last = Math.max(last, start + project.months() - 1);
        }
        BigDecimal[] changes = new BigDecimal[last - first + 2];
        Arrays.fill(changes, ZERO);
        for (Project project : projects) {
            int start = month(project.start()) - first;
            int months = project.months();
            BigDecimal monthly = monthly(project.plannedBudget(), months);
            BigDecimal lastCost = lastMonth(project.plannedBudget(), months, monthly);
            if (months > 1) {
                changes[start] = changes[start].add(monthly);
                changes[start + months - 1] = changes[start + months - 1].add(lastCost.subtract(monthly));
            } else {
                changes[start] = changes[start].add(lastCost);
            }
            changes[start + months] = changes[start + months].subtract(lastCost);
        }
        BigDecimal[] costs = new BigDecimal[last - first + 1];
        BigDecimal running = ZERO;
        for (int i = 0; i < costs.length; i++) {
            running = running.add(changes[i]);
            costs[i] = running;
        }
        return new MonthlyCosts(first, costs);
    }

    /** A month as a number: twelve a year from year 0, so that months are compared and counted as integers. */
    private static int month(YearMonth month) {
        return month.getYear() * 12 + month.getMonthValue() - 1;
    }

    /** The month of a day as {@link #month(YearMonth)} numbers it. */
    private static int month(LocalDate day) {
        return day.getYear() * 12 + day.getMonthValue() - 1;
    }

    private static CarrierCapacityView.CashGap cashGap(MonthlyCosts costs, List<CarrierCapacityView.Payment> payments,
                                                      YearMonth asOf, boolean p90) {
        if (costs.isEmpty() && payments.isEmpty()) {
            return new CarrierCapacityView.CashGap(ZERO, null, List.of());
        }
        int[] paidIn = new int[payments.size()];
        int first = costs.isEmpty() ? Integer.MAX_VALUE : costs.first();
        int last = costs.isEmpty() ? Integer.MIN_VALUE : costs.last();
        for (int i = 0; i < paidIn.length; i++) {
            CarrierCapacityView.Payment payment = payments.get(i);
            paidIn[i] = month(payment.paidOn() != null ? payment.paidOn() : p90 ? payment.p90Date() : payment.medianDate());
            first = Math.min(first, paidIn[i]);
            last = Math.max(last, paidIn[i]);
        }
        BigDecimal[] received = new BigDecimal[last - first + 1];
        for (int i = 0; i < paidIn.length; i++) {
            BigDecimal sum = received[paidIn[i] - first];
            BigDecimal amount = payments.get(i).amount();
            received[paidIn[i] - first] = sum == null ? ZERO.add(amount) : sum.add(amount);  // ZERO.add: a sum's scale
        }
        int from = month(asOf);
        List<CarrierCapacityView.Month> out = new ArrayList<>(received.length);
        BigDecimal position = ZERO;
        BigDecimal deepest = ZERO;
        YearMonth deepestMonth = null;
        for (int m = first; m <= last; m++) {
            BigDecimal cost = costs.at(m);
            BigDecimal in = received[m - first] == null ? ZERO : received[m - first];
            position = position.add(in).subtract(cost);
            YearMonth month = YearMonth.of(Math.floorDiv(m, 12), Math.floorMod(m, 12) + 1);
            out.add(new CarrierCapacityView.Month(month, cost, in, position));
            if (m >= from && position.compareTo(deepest) < 0) {
                deepest = position;
                deepestMonth = month;
            }
        }
        return new CarrierCapacityView.CashGap(deepest, deepestMonth, out);
    }

    // ------------------------------------------------------------------------------------------ the whole check

    public static Result compute(Organisation organisation, List<Project> projects, LocalDate asOf, Settings settings) {
        int heads = Math.max(1, organisation.headcount());
        BigDecimal annualCapacity = settings.annualCapacityPerHead().multiply(BigDecimal.valueOf(heads)).setScale(2);
        BigDecimal personYears = settings.personYearCost().multiply(BigDecimal.valueOf(heads));
        List<CarrierCapacityView.ProjectLoad> loads = new ArrayList<>();
        List<CarrierCapacityView.Payment> payments = new ArrayList<>();
        Map<Integer, BigDecimal> perYearTotal = new TreeMap<>();
        BigDecimal coFunding = ZERO;
        for (Project project : projects) {
            BigDecimal aid = ZERO;
            for (Aid line : project.aids()) {
                aid = aid.add(line.amount());
                payments.addAll(payments(project, line, asOf, settings.statementIntervalMonths()));
            }
            BigDecimal share = project.plannedBudget().subtract(aid).max(ZERO);
            coFunding = coFunding.add(share);
            Map<Integer, BigDecimal> perYear = costsByYear(project);
            perYear.forEach((year, amount) -> perYearTotal.merge(year, amount, BigDecimal::add));
            loads.add(new CarrierCapacityView.ProjectLoad(project.projectId(), project.title(), project.status(),
                    project.candidate(), project.plannedBudget(), project.start(), project.months(),
                    project.periodAssumed(), aid, project.aidBasis(), share,
                    perYear.entrySet().stream().map(e -> new CarrierCapacityView.YearEffort(e.getKey(), e.getValue(),
                            percent(e.getValue(), personYears))).toList()));
        }
        List<CarrierCapacityView.YearEffort> effort = perYearTotal.entrySet().stream()
                .map(e -> new CarrierCapacityView.YearEffort(e.getKey(), e.getValue(), percent(e.getValue(), personYears)))
                .toList();
        BigDecimal effortShare = effort.stream().filter(y -> y.year() >= asOf.getYear())
                .map(CarrierCapacityView.YearEffort::share).max(Comparator.naturalOrder()).orElse(ZERO);
        YearMonth month = YearMonth.from(asOf);
        MonthlyCosts costs = costsByMonth(projects);
        CarrierCapacityView.CashGap median = cashGap(costs, payments, month, false);
        CarrierCapacityView.CashGap p90 = cashGap(costs, payments, month, true);
        return new Result(organisation, asOf, annualCapacity, coFunding, percent(coFunding, annualCapacity),
                percent(p90.deepestGap().negate(), annualCapacity), projects.size(), effortShare, loads, effort,
                payments, median, p90);
    }

    /**
     * A project's planned costs ({@link #spread}) added up per calendar year, the years in order: the months of a year
     * but the last month counted, not added one by one (the same sums: each of those months costs the same).
     */
    static Map<Integer, BigDecimal> costsByYear(Project project) {
        int months = project.months();
        BigDecimal monthly = monthly(project.plannedBudget(), months);
        BigDecimal last = lastMonth(project.plannedBudget(), months, monthly);
        Map<Integer, BigDecimal> perYear = new LinkedHashMap<>();
        YearMonth month = project.start();
        for (int before = months - 1; before > 0; ) {
            int inYear = Math.min(before, 13 - month.getMonthValue());
            perYear.merge(month.getYear(), monthly.multiply(BigDecimal.valueOf(inYear)), BigDecimal::add);
            month = month.plusMonths(inYear);
            before -= inYear;
        }
        perYear.merge(month.getYear(), last, BigDecimal::add);
        return perYear;
    }

    /** {@code part / whole × 100}, two decimals, HALF_UP. */
    public static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? ZERO : part.multiply(HUNDRED).divide(whole, 2, RoundingMode.HALF_UP);
    }

    /**
     * The reason added to the verdict of an organisation whose headcount is not known (imported from open data): its
     * capacity is then computed for one person and its size class is {@code micro}, which the verdict must say rather
     * than present as a fact.
     */
    public static final String HEADCOUNT_UNKNOWN = "headcount unknown (imported organisation): sized as micro with one "
            + "person, so the capacity figures are a floor; record its headcount for a real check";

    /** The verdict's reasons, led by {@link #HEADCOUNT_UNKNOWN} when the headcount is not known. */
    public static List<String> reasons(List<String> verdictReasons, boolean headcountKnown) {
        if (headcountKnown) {
            return verdictReasons;
        }
        List<String> reasons = new ArrayList<>();
        reasons.add(HEADCOUNT_UNKNOWN);
        reasons.addAll(verdictReasons);
        return List.copyOf(reasons);
    }

    /** The size class the decision table reads, from kind and headcount. */
    public static String size(String kind, int headcount) {
        if ("LARGE_COMPANY".equals(kind) || headcount >= 250) {
            return "large";
        }
        if ("MID_SIZE_COMPANY".equals(kind) || headcount >= 50) {
            return "medium";
        }
        return headcount >= 10 ? "small" : "micro";
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? b : a;
    }

    private static Source weaker(Source a, Source b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}

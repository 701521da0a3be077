package org.tremplin.funding.query;

import org.junit.jupiter.api.Test;
import org.tremplin.funding.api.CarrierCapacityView;
import org.tremplin.funding.query.CarrierCapacity.Aid;
import org.tremplin.funding.query.CarrierCapacity.AidState;
import org.tremplin.funding.query.CarrierCapacity.Lag;
import org.tremplin.funding.query.CarrierCapacity.Project;
import org.tremplin.funding.query.CarrierCapacity.Source;
import org.tremplin.funding.query.CarrierCapacity.Stage;
import org.tremplin.shared.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The capacity arithmetic against figures computed by hand (the computation is written out in the comments), to the
 * cent: tranche schedules, predicted dates from measured lead times and their fallbacks, the monthly cash position and
 * its deepest gap in the median and p90 cases, co-funding and effort ratios.
 */
class CarrierCapacityTest {

    private static final LocalDate AS_OF = LocalDate.of(2027, 1, 15);

    private static BigDecimal eur(String amount) {
        return new BigDecimal(amount);
    }

    private static Duration days(long days) {
        return Duration.ofDays(days);
    }

    @Test
    void an_unknown_headcount_leads_the_verdicts_reasons_and_a_known_one_adds_nothing() {
        List<String> fired = List.of("within every threshold for a micro organisation");
        assertThat(CarrierCapacity.reasons(fired, false)).containsExactly(CarrierCapacity.HEADCOUNT_UNKNOWN, fired.get(0));
        assertThat(CarrierCapacity.reasons(fired, true)).containsExactlyElementsOf(fired);
        assertThat(CarrierCapacity.HEADCOUNT_UNKNOWN).startsWith("headcount unknown");
    }

    // ------------------------------------------------------------------------------------------ lead times

    @Test
    void a_measured_lead_time_is_the_nearest_rank_median_and_p90_in_whole_days() {
        // 7 stages: median = rank ceil(3.5) = 4th = 20 days; p90 = rank ceil(6.3) = 7th = 90 days.
        Lag lag = CarrierCapacity.lag(List.of(days(45), days(10), days(90), days(12), days(20), days(15), days(30)),
                30, 99, 5);
        assertThat(lag).isEqualTo(new Lag(20, 90, Source.MEASURED, 7));
    }

    @Test
    void days_are_rounded_half_up_to_the_day_after_the_two_decimal_figure_the_lead_time_view_shows() {
        // 5 stages of 20 d 13 h (20.54 d -> 21) and one of 12 h (0.50 d -> 1): median 3rd = 20.54 -> 21, p90 5th -> 21.
        Duration d = Duration.ofHours(20 * 24 + 13);
        assertThat(CarrierCapacity.lag(List.of(d, d, d, d, d), null, 99, 5)).isEqualTo(new Lag(21, 21, Source.MEASURED, 5));
        assertThat(CarrierCapacity.wholeDays(Duration.ofHours(12))).isEqualTo(1);
        // Rounded from the figure the lead-time page shows: 11 h 59 min = 0.4993 d shows as 0.50 d, hence 1 day.
        assertThat(CarrierCapacity.wholeDays(Duration.ofHours(11).plusMinutes(59))).isEqualTo(1);
        assertThat(CarrierCapacity.wholeDays(Duration.ofHours(11).plusMinutes(52))).isZero(); // 0.4944 d -> 0.49 -> 0
    }

    @Test
    void too_thin_a_history_falls_back_to_the_service_level_then_to_the_default() {
        List<Duration> four = List.of(days(1), days(2), days(3), days(400));
        assertThat(CarrierCapacity.lag(four, 30, 99, 5)).isEqualTo(new Lag(30, 30, Source.SERVICE_LEVEL, 4));
        assertThat(CarrierCapacity.lag(four, null, 99, 5)).isEqualTo(new Lag(99, 99, Source.DEFAULT, 4));
        assertThat(CarrierCapacity.lag(List.of(), null, 60, 5)).isEqualTo(new Lag(60, 60, Source.DEFAULT, 0));
        // Five is enough (the threshold is "at least minimumHistory").
        assertThat(CarrierCapacity.lag(List.of(days(1), days(2), days(3), days(4), days(400)), 30, 99, 5))
                .isEqualTo(new Lag(3, 400, Source.MEASURED, 5));
    }

    // ------------------------------------------------------------------------------------------ costs

    @Test
    void a_budget_is_spread_evenly_down_to_the_cent_with_the_remainder_on_the_last_month() {
        List<BigDecimal> months = CarrierCapacity.spread(eur("60000.00"), 36);
        assertThat(months).hasSize(36);
        assertThat(months.get(0)).isEqualByComparingTo("1666.66");
        assertThat(months.get(34)).isEqualByComparingTo("1666.66");
        assertThat(months.get(35)).isEqualByComparingTo("1666.90"); // 60000 - 35 x 1666.66
        assertThat(months.stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("60000.00");
    }

    // ------------------------------------------------------------------------------------------ the scenario

    /** Lead times: convention to first payment measured (median 20, p90 60 days); the others as named. */
    private static Map<Stage, Lag> signedLags() {
        Map<Stage, Lag> lags = new EnumMap<>(Stage.class);
        lags.put(Stage.SUBMISSION_TO_DECISION, new Lag(120, 120, Source.SERVICE_LEVEL, 0));
        lags.put(Stage.DECISION_TO_CONVENTION, new Lag(90, 90, Source.SERVICE_LEVEL, 0));
        lags.put(Stage.CONVENTION_TO_FIRST_PAYMENT, new Lag(20, 60, Source.MEASURED, 9));
        lags.put(Stage.STATEMENT_TO_INSTALMENT, new Lag(60, 60, Source.DEFAULT, 0));
        lags.put(Stage.FIRST_PAYMENT_TO_BALANCE, new Lag(400, 400, Source.SERVICE_LEVEL, 2));
        return lags;
    }

    private static Map<Stage, Lag> defaultLags() {
        Map<Stage, Lag> lags = new EnumMap<>(Stage.class);
        lags.put(Stage.SUBMISSION_TO_DECISION, new Lag(120, 120, Source.DEFAULT, 0));
        lags.put(Stage.DECISION_TO_CONVENTION, new Lag(90, 90, Source.DEFAULT, 0));
        lags.put(Stage.CONVENTION_TO_FIRST_PAYMENT, new Lag(30, 30, Source.DEFAULT, 0));
        lags.put(Stage.STATEMENT_TO_INSTALMENT, new Lag(60, 60, Source.DEFAULT, 0));
        lags.put(Stage.FIRST_PAYMENT_TO_BALANCE, new Lag(730, 730, Source.DEFAULT, 0));
        return lags;
    }

    /** A: running, 120,000 € over 12 months from January 2027; FUI signed 54,000 €, advance 30 %, interim cap 80 %. */
    private static Project running() {
        return new Project("PRJ-A", "A", "IN_RESEARCH", false, eur("120000.00"), YearMonth.of(2027, 1), 12, false,
                "GRANTED", List.of(new Aid("FUNDER-FUI", "FUI", "CONV-A", AidState.SIGNED, eur("54000.00"),
                eur("30.00"), eur("80.00"), LocalDate.of(2026, 9, 1), LocalDate.of(2026, 11, 1),
                LocalDate.of(2026, 12, 10), List.of(), signedLags())));
    }

    /** B: candidate, 60,000 € over 36 months (assumed) from the as-of month; 27,000 € expected, advance 20 %, cap 80 %. */
    private static Project candidate() {
        return new Project("PRJ-B", "B", "UNDER_REVIEW", true, eur("60000.00"), YearMonth.of(2027, 1), 36, true,
                "EXPECTED", List.of(new Aid("EXPECTED", "expected aid", null, AidState.EXPECTED, eur("27000.00"),
                eur("20.00"), eur("80.00"), null, null, null, List.of(), defaultLags())));
    }

    @Test
    void a_signed_conventions_tranches_and_their_predicted_dates() {
        Project a = running();
        List<CarrierCapacityView.Payment> payments = CarrierCapacity.payments(a, a.aids().get(0), AS_OF, 6);
        assertThat(payments).extracting(CarrierCapacityView.Payment::kind, CarrierCapacityView.Payment::amount,
                        CarrierCapacityView.Payment::medianDate, CarrierCapacityView.Payment::p90Date,
                        CarrierCapacityView.Payment::basis)
                .containsExactly(
                        // 54,000 x 30 % = 16,200.00; signed 2026-12-10 + 20 d = 2026-12-30, not before the as-of
                        // date -> 2027-01-15; p90 2026-12-10 + 60 d = 2027-02-08.
                        tuple("ADVANCE", eur("16200.00"), LocalDate.of(2027, 1, 15), LocalDate.of(2027, 2, 8), "MEASURED"),
                        // statement at the end of month 6 (2027-06-30): 60,000 planned x 54,000/120,000 = 27,000.00,
                        // within the cap 43,200.00, less 16,200.00 paid = 10,800.00; + 60 d = 2027-08-29.
                        tuple("INSTALMENT", eur("10800.00"), LocalDate.of(2027, 8, 29), LocalDate.of(2027, 8, 29), "DEFAULT"),
                        // the rest: 54,000 - 27,000 = 27,000.00; first payment + 400 d (after the end, 2027-12-31):
                        // 2027-01-15 + 400 = 2028-02-19; p90 2027-02-08 + 400 = 2028-03-14 (over 29 February 2028).
                        tuple("BALANCE", eur("27000.00"), LocalDate.of(2028, 2, 19), LocalDate.of(2028, 3, 14), "SERVICE_LEVEL"));
    }

    @Test
    void expected_aid_runs_through_every_stage_and_instalments_stop_at_the_interim_cap() {
        Project b = candidate();
        List<CarrierCapacityView.Payment> payments = CarrierCapacity.payments(b, b.aids().get(0), AS_OF, 6);
        assertThat(payments).extracting(CarrierCapacityView.Payment::kind, CarrierCapacityView.Payment::amount,
                        CarrierCapacityView.Payment::medianDate)
                .containsExactly(
                        // submitted today: decision 2027-05-15, signature 2027-08-13, first payment 2027-09-12.
                        tuple("ADVANCE", eur("5400.00"), LocalDate.of(2027, 9, 12)),
                        // month 6: 9,999.96 x 0.45 = 4,499.98 < 5,400 paid: nothing. Month 12 (2027-12-31):
                        // 19,999.92 x 0.45 = 8,999.96 - 5,400.00 = 3,599.96, + 60 d = 2028-02-29 (leap year).
                        tuple("INSTALMENT", eur("3599.96"), LocalDate.of(2028, 2, 29)),
                        // month 18: 29,999.88 x 0.45 = 13,499.94 - 8,999.96 = 4,499.98, 2028-06-30 + 60 d.
                        tuple("INSTALMENT", eur("4499.98"), LocalDate.of(2028, 8, 29)),
                        // month 24: 39,999.84 x 0.45 = 17,999.92 - 13,499.94 = 4,499.98, 2028-12-31 + 60 d.
                        tuple("INSTALMENT", eur("4499.98"), LocalDate.of(2029, 3, 1)),
                        // month 30: 49,999.80 x 0.45 = 22,499.91, capped at 21,600.00 - 17,999.92 = 3,600.08.
                        tuple("INSTALMENT", eur("3600.08"), LocalDate.of(2029, 8, 29)),
                        // balance 27,000 - 21,600 = 5,400.00: first payment + 730 d = 2029-09-11, before the end
                        // of the project, so at its end 2029-12-31.
                        tuple("BALANCE", eur("5400.00"), LocalDate.of(2029, 12, 31)));
    }

    @Test
    void payments_already_made_count_and_only_the_rest_is_predicted() {
        Project a = running();
        Aid paid = new Aid("FUNDER-FUI", "FUI", "CONV-A", AidState.SIGNED, eur("54000.00"), eur("30.00"),
                eur("80.00"), null, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 10),
                List.of(new CarrierCapacity.Paid(CarrierCapacity.Kind.ADVANCE, LocalDate.of(2026, 12, 20), eur("16200.00"))),
                signedLags());
        List<CarrierCapacityView.Payment> payments = CarrierCapacity.payments(a, paid, AS_OF, 6);
        assertThat(payments).extracting(CarrierCapacityView.Payment::kind, CarrierCapacityView.Payment::paidOn,
                        CarrierCapacityView.Payment::medianDate, CarrierCapacityView.Payment::p90Date)
                .containsExactly(
                        tuple("ADVANCE", LocalDate.of(2026, 12, 20), null, null),
                        tuple("INSTALMENT", null, LocalDate.of(2027, 8, 29), LocalDate.of(2027, 8, 29)),
                        // from the actual first payment: 2026-12-20 + 400 d = 2028-01-24 in both cases.
                        tuple("BALANCE", null, LocalDate.of(2028, 1, 24), LocalDate.of(2028, 1, 24)));
    }

    @Test
    void the_whole_check_of_an_sme_with_two_projects() {
        CarrierCapacity.Settings settings = new CarrierCapacity.Settings(5, 36, 6, eur("100000"), eur("100000"),
                Map.of());
        CarrierCapacity.Result result = CarrierCapacity.compute(
                new CarrierCapacity.Organisation("ORG", "Org", "SME", 8, "micro"), List.of(running(), candidate()),
                AS_OF, settings);
        assertThat(result.annualCapacity()).isEqualByComparingTo("800000.00");
        // (120,000 - 54,000) + (60,000 - 27,000) = 99,000.00; / 800,000 = 12.375 % -> 12.38 (HALF_UP).
        assertThat(result.coFunding()).isEqualByComparingTo("99000.00");
        assertThat(result.coFundingRatio()).isEqualByComparingTo("12.38");
        assertThat(result.concurrentProjects()).isEqualTo(2);
        // 2027: 120,000 + 12 x 1,666.66 = 139,999.92 -> 17.49999 % -> 17.50; 2028: 19,999.92 -> 2.50;
        // 2029: 11 x 1,666.66 + 1,666.90 = 20,000.16 -> 2.50.
        assertThat(result.effort()).extracting(CarrierCapacityView.YearEffort::year, CarrierCapacityView.YearEffort::budget,
                        CarrierCapacityView.YearEffort::share)
                .containsExactly(tuple(2027, eur("139999.92"), eur("17.50")), tuple(2028, eur("19999.92"), eur("2.50")),
                        tuple(2029, eur("20000.16"), eur("2.50")));
        assertThat(result.effortShare()).isEqualByComparingTo("17.50");
        // Median case: costs 11,666.66 a month in 2027. Jan +16,200 -> 4,533.34; ... Jul -65,466.62;
        // Aug +10,800 -> -66,333.28; Sep +5,400 -> -72,599.94; Oct -84,266.60; Nov -95,933.26; Dec -107,599.92;
        // 2028: Jan -109,266.58 (B's 1,666.66 of costs only), Feb +27,000 + 3,599.96 -> -80,333.28.
        CarrierCapacityView.CashGap median = result.cashMedian();
        assertThat(median.months().get(0).position()).isEqualByComparingTo("4533.34");
        // each month's costs and receipts as well as the position: January's 11,666.66 against 16,200;
        // February 2028's B's 1,666.66 against 27,000 + 3,599.96
        assertThat(median.months().get(0).costs()).isEqualByComparingTo("11666.66");
        assertThat(median.months().get(0).receipts()).isEqualByComparingTo("16200");
        assertThat(median.months().get(13).costs()).isEqualByComparingTo("1666.66");
        assertThat(median.months().get(13).receipts()).isEqualByComparingTo("30599.96");
        assertThat(median.months().get(7).position()).isEqualByComparingTo("-66333.28");
        assertThat(median.months().get(11).position()).isEqualByComparingTo("-107599.92");
        assertThat(median.months().get(12).position()).isEqualByComparingTo("-109266.58");
        assertThat(median.months().get(13).position()).isEqualByComparingTo("-80333.28");
        assertThat(median.deepestGap()).isEqualByComparingTo("-109266.58");
        assertThat(median.deepestMonth()).isEqualTo(YearMonth.of(2028, 1));
        // p90 case: the advance in February: Jan -11,666.66, Feb -7,133.32, then as the median case until Jan 2028
        // -109,266.58; Feb +3,599.96 -> -107,333.28; Mar +27,000 (A's balance) -> -81,999.94.
        CarrierCapacityView.CashGap p90 = result.cashP90();
        assertThat(p90.months().get(0).position()).isEqualByComparingTo("-11666.66");
        assertThat(p90.months().get(1).position()).isEqualByComparingTo("-7133.32");
        assertThat(p90.months().get(13).position()).isEqualByComparingTo("-107333.28");
        assertThat(p90.months().get(14).position()).isEqualByComparingTo("-81999.94");
        assertThat(p90.deepestGap()).isEqualByComparingTo("-109266.58");
        assertThat(p90.deepestMonth()).isEqualTo(YearMonth.of(2028, 1));
        // 109,266.58 / 800,000 = 13.6583 % -> 13.66.
        assertThat(result.deepestGapP90Ratio()).isEqualByComparingTo("13.66");
        // Months run to the last payment (B's balance, December 2029): 36 months; the final position is what the
        // organisation bears: -(99,000.00).
        assertThat(median.months()).hasSize(36);
        assertThat(median.months().get(35).position()).isEqualByComparingTo("-99000.00");
        assertThat(p90.months().get(35).position()).isEqualByComparingTo("-99000.00");
    }

    @Test
    void aid_on_a_project_without_a_planned_budget_is_paid_as_advance_and_balance() {
        // 10,000 requested by a partner that declared no budget: advance 20 % = 2,000.00, no instalment (no costs to
        // share), balance 8,000.00 at the first payment + 730 days (2027-09-12 + 730 = 2029-09-11), which is later
        // than the end of the project (2027-12-31).
        Project zero = new Project("PRJ-Z", "Z", "UNDER_REVIEW", true, eur("0.00"), YearMonth.of(2027, 1), 12, true,
                "APPLICATIONS", List.of(new Aid("F", "F", null, AidState.REQUESTED, eur("10000.00"), eur("20.00"),
                eur("80.00"), AS_OF, null, null, List.of(), defaultLags())));
        assertThat(CarrierCapacity.payments(zero, zero.aids().get(0), AS_OF, 6))
                .extracting(CarrierCapacityView.Payment::kind, CarrierCapacityView.Payment::amount,
                        CarrierCapacityView.Payment::medianDate)
                .containsExactly(tuple("ADVANCE", eur("2000.00"), LocalDate.of(2027, 9, 12)),
                        tuple("BALANCE", eur("8000.00"), LocalDate.of(2029, 9, 11)));
        CarrierCapacity.Result result = CarrierCapacity.compute(new CarrierCapacity.Organisation("O", "O", "SME", 3,
                "micro"), List.of(zero), AS_OF, new CarrierCapacity.Settings(5, 36, 6, eur("100000"), eur("100000"), Map.of()));
        assertThat(result.coFunding()).isEqualByComparingTo("0.00");
        assertThat(result.effortShare()).isEqualByComparingTo("0.00");
    }

    // ------------------------------------------------------------------------------------------ by the months

    /**
     * The instalments and the yearly costs are computed from the statements' months and the years' month counts, not
     * month by month: the same figures, to the cent and in the same order, as adding the spread's months one by one
     * (the reference below, the former computation), over 2,000 projects of every length from 1 to 72 months, budgets
     * with odd cents, starts in any month, statements every 1 to 12 months and as-of dates before, during and after.
     */
    @Test
    void instalments_and_yearly_costs_are_those_of_the_months_added_one_by_one() {
        Random random = new Random(41);
        for (int i = 0; i < 2_000; i++) {
            int months = 1 + random.nextInt(72);
            BigDecimal budget = BigDecimal.valueOf(random.nextInt(5_000_000) * 100L + random.nextInt(100), 2);
            YearMonth start = YearMonth.of(2024 + random.nextInt(6), 1 + random.nextInt(12));
            BigDecimal amount = BigDecimal.valueOf(1 + random.nextInt(2_000_000) * 100L + random.nextInt(100), 2);
            Project project = new Project("P" + i, "P", "IN_RESEARCH", false, budget, start, months, false, "GRANTED",
                    List.of(new Aid("F", "F", "C", AidState.SIGNED, amount, eur(random.nextInt(40) + ".00"),
                            random.nextInt(5) == 0 ? null : eur((50 + random.nextInt(51)) + ".00"),
                            LocalDate.of(2023, 6, 1), LocalDate.of(2023, 9, 1), LocalDate.of(2023, 12, 1), List.of(),
                            signedLags())));
            LocalDate asOf = start.atDay(1).plusDays(random.nextInt(months * 31 + 200) - 100L);
            int interval = 1 + random.nextInt(12);

            assertThat(CarrierCapacity.costsByYear(project)).as("years of %s", project)
                    .containsExactlyEntriesOf(yearsOneByOne(project));
            assertThat(CarrierCapacity.payments(project, project.aids().get(0), asOf, interval))
                    .as("payments of %s as of %s every %d months", project, asOf, interval)
                    .containsExactlyElementsOf(instalmentsOneByOne(project, asOf, interval));
        }
    }

    /**
     * The cash gaps are computed from each month's costs as a running sum of the projects' changes and the receipts
     * counted by month number: the same months, costs, receipts, positions and deepest gap, to the cent and scale, as
     * the former computation (the reference below: every month of every project and every payment merged into maps by
     * month), over 500 portfolios of one to eight projects of 1 to 72 months (budgets with odd cents, some without any),
     * payments made and predicted, as-of dates before, during and after them.
     */
    @Test
    void cash_gaps_are_those_of_every_month_of_every_project_added_one_by_one() {
        Random random = new Random(42);
        CarrierCapacity.Settings settings = new CarrierCapacity.Settings(5, 36, 6, eur("100000"), eur("100000"), Map.of());
        for (int i = 0; i < 500; i++) {
            List<Project> projects = new ArrayList<>();
            int count = 1 + random.nextInt(8);
            for (int p = 0; p < count; p++) {
                int months = 1 + random.nextInt(72);
                BigDecimal budget = random.nextInt(6) == 0 ? eur("0.00")
                        : BigDecimal.valueOf(random.nextInt(5_000_000) * 100L + random.nextInt(100), 2);
                YearMonth start = YearMonth.of(2024 + random.nextInt(6), 1 + random.nextInt(12));
                BigDecimal amount = BigDecimal.valueOf(1 + random.nextInt(2_000_000) * 100L + random.nextInt(100), 2);
                List<CarrierCapacity.Paid> paid = random.nextBoolean() ? List.of()
                        : List.of(new CarrierCapacity.Paid(CarrierCapacity.Kind.ADVANCE, start.atDay(10),
                        Money.percentOf(amount, eur("20.00"))));
                projects.add(new Project("P" + p, "P", "IN_RESEARCH", false, budget, start, months, false, "GRANTED",
                        random.nextInt(5) == 0 ? List.of() : List.of(new Aid("F", "F", "C", AidState.SIGNED, amount,
                                eur("20.00"), eur("80.00"), LocalDate.of(2023, 6, 1), LocalDate.of(2023, 9, 1),
                                LocalDate.of(2023, 12, 1), paid, signedLags()))));
            }
            LocalDate asOf = LocalDate.of(2023 + random.nextInt(10), 1 + random.nextInt(12), 1 + random.nextInt(28));
            CarrierCapacity.Result result = CarrierCapacity.compute(new CarrierCapacity.Organisation("O", "O", "SME", 12,
                    "small"), projects, asOf, settings);
            YearMonth month = YearMonth.from(asOf);

            assertThat(result.cashMedian()).as("median of %s as of %s", projects, asOf)
                    .isEqualTo(cashGapMonthByMonth(projects, result.payments(), month, false));
            assertThat(result.cashP90()).as("p90 of %s as of %s", projects, asOf)
                    .isEqualTo(cashGapMonthByMonth(projects, result.payments(), month, true));
            assertThat(CarrierCapacity.cashGap(projects, result.payments(), month, true)).isEqualTo(result.cashP90());
        }
        assertThat(CarrierCapacity.cashGap(List.of(), List.of(), YearMonth.of(2027, 1), false))
                .isEqualTo(cashGapMonthByMonth(List.of(), List.of(), YearMonth.of(2027, 1), false));
    }

    /** The cash gap as formerly computed: each project's every month and each payment merged into maps by month. */
    private static CarrierCapacityView.CashGap cashGapMonthByMonth(List<Project> projects,
                                                                  List<CarrierCapacityView.Payment> payments,
                                                                  YearMonth asOf, boolean p90) {
        BigDecimal zero = eur("0.00");
        java.util.TreeMap<YearMonth, BigDecimal> costs = new java.util.TreeMap<>();
        for (Project project : projects) {
            YearMonth month = project.start();
            for (BigDecimal cost : CarrierCapacity.spread(project.plannedBudget(), project.months())) {
                costs.merge(month, zero.add(cost), BigDecimal::add);
                month = month.plusMonths(1);
            }
        }
        java.util.TreeMap<YearMonth, BigDecimal> received = new java.util.TreeMap<>();
        for (CarrierCapacityView.Payment payment : payments) {
            LocalDate on = payment.paidOn() != null ? payment.paidOn() : p90 ? payment.p90Date() : payment.medianDate();
            received.merge(YearMonth.from(on), zero.add(payment.amount()), BigDecimal::add);
        }
        if (costs.isEmpty() && received.isEmpty()) {
            return new CarrierCapacityView.CashGap(zero, null, List.of());
        }
        java.util.TreeSet<YearMonth> bounds = new java.util.TreeSet<>(costs.keySet());
        bounds.addAll(received.keySet());
        List<CarrierCapacityView.Month> out = new ArrayList<>();
        BigDecimal position = zero;
        BigDecimal deepest = zero;
        YearMonth deepestMonth = null;
        for (YearMonth month = bounds.first(); !month.isAfter(bounds.last()); month = month.plusMonths(1)) {
            BigDecimal cost = costs.getOrDefault(month, zero);
            BigDecimal in = received.getOrDefault(month, zero);
            position = position.add(in).subtract(cost);
            out.add(new CarrierCapacityView.Month(month, cost, in, position));
            if (!month.isBefore(asOf) && position.compareTo(deepest) < 0) {
                deepest = position;
                deepestMonth = month;
            }
        }
        return new CarrierCapacityView.CashGap(deepest, deepestMonth, out);
    }

    @Test
    void a_statement_interval_or_default_duration_below_one_month_is_refused() {
        assertThatThrownBy(() -> new CarrierCapacity.Settings(5, 36, 0, eur("1"), eur("1"),
                Map.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("statement-interval-months");
        assertThatThrownBy(() -> new CarrierCapacity.Settings(5, 0, 6, eur("1"), eur("1"),
                Map.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("default-duration-months");
        Project a = running();
        assertThatThrownBy(() -> CarrierCapacity.payments(a, a.aids().get(0), AS_OF, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The yearly costs as the spread's months added one by one. */
    private static Map<Integer, BigDecimal> yearsOneByOne(Project project) {
        Map<Integer, BigDecimal> perYear = new LinkedHashMap<>();
        List<BigDecimal> costs = CarrierCapacity.spread(project.plannedBudget(), project.months());
        for (int m = 0; m < costs.size(); m++) {
            perYear.merge(project.start().plusMonths(m).getYear(), costs.get(m), BigDecimal::add);
        }
        return perYear;
    }

    /**
     * The payments as computed when the planned costs so far were added month by month: the same advance and balance
     * (computed as {@link CarrierCapacity#payments} does), and the instalments of that loop.
     */
    private static List<CarrierCapacityView.Payment> instalmentsOneByOne(Project project, LocalDate asOf, int interval) {
        Aid aid = project.aids().get(0);
        List<CarrierCapacityView.Payment> all = CarrierCapacity.payments(project, aid, asOf, 1_000);
        // with statements every 1,000 months there is none: the advance, then the balance
        List<CarrierCapacityView.Payment> out = new ArrayList<>(all.stream()
                .filter(p -> p.kind().equals("ADVANCE")).toList());
        BigDecimal predicted = out.stream().map(CarrierCapacityView.Payment::amount).reduce(eur("0.00"), BigDecimal::add);
        // nothing paid yet: the first payment comes after the signature by the measured lead time, not before asOf
        Lag toFirst = aid.lags().get(Stage.CONVENTION_TO_FIRST_PAYMENT);
        LocalDate first = later(aid.signedOn().plusDays(toFirst.medianDays()), asOf);
        LocalDate firstP90 = later(aid.signedOn().plusDays(toFirst.p90Days()), asOf);
        List<BigDecimal> costs = CarrierCapacity.spread(project.plannedBudget(), project.months());
        BigDecimal cap = aid.interimCapPercent() == null ? eur("0.00")
                : Money.percentOf(aid.amount(), aid.interimCapPercent());
        Lag lag = aid.lags().get(Stage.STATEMENT_TO_INSTALMENT);
        BigDecimal cumulative = eur("0.00");
        int interimMonths = project.plannedBudget().signum() > 0 ? project.months() : 0;
        for (int m = 1; m < interimMonths; m++) {
            cumulative = cumulative.add(costs.get(m - 1));
            if (m % interval != 0) {
                continue;
            }
            LocalDate statementOn = project.start().plusMonths(m - 1).atEndOfMonth();
            if (statementOn.isBefore(asOf)) {
                continue;
            }
            BigDecimal earned = Money.cents(cumulative.multiply(aid.amount())
                    .divide(project.plannedBudget(), 10, RoundingMode.DOWN));
            BigDecimal due = Money.cents(earned.min(cap).min(aid.amount()).subtract(predicted)
                    .max(BigDecimal.ZERO));
            if (due.signum() <= 0) {
                continue;
            }
            LocalDate median = later(later(statementOn, first).plusDays(lag.medianDays()), asOf);
            LocalDate p90 = later(later(statementOn, firstP90).plusDays(lag.p90Days()), asOf);
            // the weakest source on the way: the instalment's lead time (DEFAULT in signedLags), the others measured
            out.add(new CarrierCapacityView.Payment(project.projectId(), aid.funderId(), aid.funderName(),
                    aid.conventionId(), aid.state().name(), "INSTALMENT", due, null, median, p90, "DEFAULT"));
            predicted = predicted.add(due);
        }
        // the balance: the rest of the aid, on the date the method gives it
        BigDecimal balance = aid.amount().subtract(predicted);
        CarrierCapacityView.Payment last = all.get(all.size() - 1);
        if (balance.signum() > 0) {
            out.add(new CarrierCapacityView.Payment(last.projectId(), last.funderId(), last.funderName(),
                    last.conventionId(), last.aidState(), "BALANCE", balance, null, last.medianDate(), last.p90Date(),
                    last.basis()));
        }
        return out;
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? b : a;
    }

    @Test
    void size_classes_follow_headcount_and_kind() {
        assertThat(CarrierCapacity.size("SME", 9)).isEqualTo("micro");
        assertThat(CarrierCapacity.size("SME", 10)).isEqualTo("small");
        assertThat(CarrierCapacity.size("SME", 49)).isEqualTo("small");
        assertThat(CarrierCapacity.size("SME", 50)).isEqualTo("medium");
        assertThat(CarrierCapacity.size("MID_SIZE_COMPANY", 30)).isEqualTo("medium");
        assertThat(CarrierCapacity.size("LARGE_COMPANY", 5)).isEqualTo("large");
        assertThat(CarrierCapacity.size("RESEARCH_LAB", 250)).isEqualTo("large");
    }
}

package org.tremplin.funding.command;

import org.junit.jupiter.api.Test;
import org.tremplin.funding.api.AmendConventionCommand;
import org.tremplin.funding.api.AmendmentKind;
import org.tremplin.funding.api.ConventionAmendedEvent;
import org.tremplin.funding.api.LapseConventionCommand;
import org.tremplin.funding.api.PayAdvanceCommand;
import org.tremplin.funding.api.PooledFundContributor;
import org.tremplin.funding.api.ShiftBudgetCommand;
import org.tremplin.funding.api.SignConventionCommand;
import org.tremplin.funding.api.SubmitExpenseStatementCommand;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.hamcrest.Matchers.containsString;
import static org.tremplin.funding.command.DomainExceptions.ofKind;
import static org.tremplin.shared.DomainException.Kind.CONFLICT;
import static org.tremplin.shared.DomainException.Kind.INVALID_INPUT;
import static org.tremplin.shared.DomainException.Kind.NOT_FOUND;
import static org.tremplin.shared.DomainException.Kind.RULE_VIOLATED;

/**
 * The conventions of a granted application (entities of the aggregate): signature, lapse, dates, amendments.
 * Fixture: {@link FundingApplicationFixtures}.
 */
class FundingConventionTest extends FundingApplicationFixtures {

    // ================================================================== sign, lapse

    @Test
    void a_convention_is_signed_with_its_tranche_schedule() {
        fixture.given(submitted(), granted())
                .when(new SignConventionCommand(APP, CONV_SME, SIGNED, END, new BigDecimal("30"), new BigDecimal("80"), null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(signedSme());
    }

    @Test
    void a_signature_after_the_contracting_deadline_is_refused() {
        fixture.given(submitted(), granted())
                .when(sign(DEADLINE.plusDays(1), END, "30", "80"))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("had to be signed by 2025-09-10 (got 2025-09-11)"));
    }

    @Test
    void a_lapsed_convention_cannot_be_signed_and_a_signed_one_not_twice() {
        fixture.given(submitted(), granted(), lapsedSme())
                .when(sign(SIGNED, END, "30", "80"))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("lapsed on 2025-09-10, a new application is needed"));
        fixture.given(submitted(), granted(), signedSme())
                .when(sign(SIGNED, END, "30", "80"))
                .expectNoEvents()
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString("was already signed on 2025-04-01"));
    }

    @Test
    void the_schedule_must_be_consistent() {
        fixture.given(submitted(), granted())
                .when(sign(SIGNED, SIGNED, "30", "80"))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("must be after the signature"));
        fixture.given(submitted(), granted())
                .when(sign(SIGNED, END, "90", "80"))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("The advance (90 %) cannot exceed the cap"));
        fixture.given(submitted(), granted())
                .when(sign(SIGNED, END, "0", "80"))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("advancePercent must be more than 0 and at most 100"));
        fixture.given(submitted(), granted())
                .when(sign(SIGNED, END, "30", "80.001"))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("interimCapPercent must be a percentage with at most two decimals"));
        fixture.given(submitted(), granted())
                .when(new SignConventionCommand(APP, CONV_SME, SIGNED, END, new BigDecimal("30"), new BigDecimal("80"),
                        List.of(new PooledFundContributor("FUNDER-REGION-ARA", new BigDecimal("100")))))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("Only a pooled fund's convention splits payments"));
    }

    @Test
    void an_unknown_convention_is_not_found() {
        fixture.given(submitted(), granted())
                .when(new SignConventionCommand(APP, "CONV-NOPE", SIGNED, END, BigDecimal.TEN, BigDecimal.TEN, null))
                .expectNoEvents()
                .expectException(ofKind(NOT_FOUND))
                .expectExceptionMessage(containsString("has no convention CONV-NOPE"));
    }

    @Test
    void an_unsigned_convention_lapses_releasing_its_grant_but_a_signed_one_does_not() {
        fixture.given(submitted(), granted())
                .when(new LapseConventionCommand(APP, CONV_SME))
                .expectEvents(lapsedSme());
        fixture.given(submitted(), granted(), signedSme())
                .when(new LapseConventionCommand(APP, CONV_SME))
                .expectNoEvents()
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString("only a convention awaiting signature lapses"));
    }

    // ================================================================== dates that cannot be in the future, or too far ahead

    @Test
    void a_convention_signed_in_the_future_is_refused_today_and_accepted_on_the_day() {
        on(SIGNED.minusDays(5)).given(submitted(), granted())
                .when(sign(SIGNED, END, "30", "80"))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("signedOn cannot be in the future (got 2025-04-01, today is 2025-03-27"));
        on(SIGNED).given(submitted(), granted())
                .when(sign(SIGNED, END, "30", "80"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_work_end_date_more_than_ten_years_ahead_is_refused() {
        on(SIGNED).given(submitted(), granted())
                .when(sign(SIGNED, SIGNED.plusYears(10).plusDays(1), "30", "80"))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("at most 10 years from today, 2035-04-01 at the latest"));
    }

    @Test
    void an_expense_period_ending_after_today_is_refused() {
        on(LocalDate.of(2025, 12, 30)).given(submitted(), granted(), signedSme())
                .when(new SubmitExpenseStatementCommand(APP, CONV_SME, "ST-1", LocalDate.of(2025, 12, 31),
                        new BigDecimal("120000"), false))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("periodEnd cannot be in the future (got 2025-12-31, today is 2025-12-30"));
        on(LocalDate.of(2025, 12, 31)).given(submitted(), granted(), signedSme())
                .when(new SubmitExpenseStatementCommand(APP, CONV_SME, "ST-1", LocalDate.of(2025, 12, 31),
                        new BigDecimal("120000"), false))
                .expectEvents(submittedStatement("ST-1", "120000.00", false));
    }

    @Test
    void an_end_date_extension_beyond_ten_years_is_refused() {
        on(LocalDate.of(2026, 1, 15)).given(submitted(), granted(), signedSme())
                .when(new AmendConventionCommand(APP, CONV_SME, AmendmentKind.END_DATE_EXTENSION,
                        LocalDate.of(2036, 1, 16), "Supplier delay"))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("newEndDate is too far ahead (got 2036-01-16)"));
    }

    // ================================================================== amendments

    @Test
    void an_extension_moves_the_end_date_later_in_a_new_version() {
        fixture.given(submitted(), granted(), signedSme())
                .when(new AmendConventionCommand(APP, CONV_SME, AmendmentKind.END_DATE_EXTENSION,
                        LocalDate.of(2027, 9, 30), "Supplier delay"))
                .expectEvents(new ConventionAmendedEvent(APP, CONV_SME, PROJECT, FUNDER, SME, 2,
                        AmendmentKind.END_DATE_EXTENSION, eur("90000.00"), eur("90000.00"), END,
                        LocalDate.of(2027, 9, 30), null, "Supplier delay"));
        fixture.given(submitted(), granted(), signedSme())
                .when(new AmendConventionCommand(APP, CONV_SME, AmendmentKind.END_DATE_EXTENSION, END, "x"))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("later than 2027-03-31 (got 2027-03-31)"));
        fixture.given(submitted(), granted(), signedSme())
                .when(new AmendConventionCommand(APP, CONV_SME, AmendmentKind.END_DATE_EXTENSION,
                        LocalDate.of(2027, 9, 30), null))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("reason is required"));
    }

    @Test
    void a_withdrawal_keeps_only_what_was_paid_and_ends_the_convention() {
        fixture.given(submitted(), granted(), signedSme(), advancePaid())
                .when(new AmendConventionCommand(APP, CONV_SME, AmendmentKind.PARTNER_WITHDRAWAL, null, "Insolvency"))
                .expectEvents(withdrawnSme());
        fixture.given(submitted(), granted(), signedSme(), advancePaid(), withdrawnSme())
                .when(new PayAdvanceCommand(APP, CONV_SME, "PAY-9", null))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("No payment on a withdrawn convention"));
        fixture.given(submitted(), granted(), lapsedSme())
                .when(new AmendConventionCommand(APP, CONV_SME, AmendmentKind.PARTNER_WITHDRAWAL, null, "x"))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("No withdrawal on a lapsed convention"));
    }

    @Test
    void a_budget_shift_is_not_an_amend_convention_command() {
        fixture.given(submitted(), granted(), signedSme())
                .when(new AmendConventionCommand(APP, CONV_SME, AmendmentKind.BUDGET_SHIFT_OUT, null, "x"))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("ShiftBudgetCommand"));
    }

    @Test
    void a_budget_shift_amends_both_conventions() {
        // the lab may receive up to 40 % of 100,000 = 40,000 -- it already has 40,000; the SME up to 112,500
        fixture.given(submitted(), granted(), signedSme(), advancePaid())
                .when(new ShiftBudgetCommand(APP, LAB, SME, new BigDecimal("15000"), "Lab work moves to the SME"))
                .expectEvents(
                        new ConventionAmendedEvent(APP, CONV_LAB, PROJECT, FUNDER, LAB, 2, AmendmentKind.BUDGET_SHIFT_OUT,
                                eur("40000.00"), eur("25000.00"), null, null, SME, "Lab work moves to the SME"),
                        new ConventionAmendedEvent(APP, CONV_SME, PROJECT, FUNDER, SME, 2, AmendmentKind.BUDGET_SHIFT_IN,
                                eur("90000.00"), eur("105000.00"), END, END, LAB, "Lab work moves to the SME"));
    }

    @Test
    void a_budget_shift_stays_above_what_was_paid_and_below_the_receivers_maximum() {
        fixture.given(submitted(), granted(), signedSme(), advancePaid())
                .when(new ShiftBudgetCommand(APP, SME, LAB, new BigDecimal("63000.01"), "x"))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("below the 27,000.00 € already paid to it; at most 63,000.00 € can move"));
        fixture.given(submitted(), granted(), signedSme())
                .when(new ShiftBudgetCommand(APP, SME, LAB, new BigDecimal("0.01"), "x"))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("would give LAB-222 a grant of 40,000.01 €, above its maximum of "
                        + "40,000.00 € = 40 % of eligible costs 100,000.00 € (FUI call 21)"));
        fixture.given(submitted(), granted())
                .when(new ShiftBudgetCommand(APP, SME, SME, new BigDecimal("1"), "x"))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("two different partners"));
        fixture.given(submitted(), granted())
                .when(new ShiftBudgetCommand(APP, SME, BIG, new BigDecimal("1"), "x"))
                .expectNoEvents()
                .expectException(ofKind(NOT_FOUND))
                .expectExceptionMessage(containsString("Partner SIREN-333 has no convention"));
        fixture.given(submitted(), granted(), lapsedSme())
                .when(new ShiftBudgetCommand(APP, SME, LAB, new BigDecimal("1"), "x"))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("No budget shift on a lapsed convention"));
    }
}

package org.tremplin.funding.command;

import org.junit.jupiter.api.Test;
import org.tremplin.funding.api.AcceptFinalReportCommand;
import org.tremplin.funding.api.ApproveExpenseStatementCommand;
import org.tremplin.funding.api.ContributorShare;
import org.tremplin.funding.api.ConventionClosedEvent;
import org.tremplin.funding.api.ConventionSignedEvent;
import org.tremplin.funding.api.ExpenseStatementApprovedEvent;
import org.tremplin.funding.api.ExpenseStatementRejectedEvent;
import org.tremplin.funding.api.PayAdvanceCommand;
import org.tremplin.funding.api.PayBalanceCommand;
import org.tremplin.funding.api.PayInstalmentCommand;
import org.tremplin.funding.api.PaymentKind;
import org.tremplin.funding.api.PooledFundContributor;
import org.tremplin.funding.api.RejectExpenseStatementCommand;
import org.tremplin.funding.api.SignConventionCommand;
import org.tremplin.funding.api.SubmitExpenseStatementCommand;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.tremplin.funding.command.DomainExceptions.ofKind;
import static org.tremplin.shared.DomainException.Kind.CONFLICT;
import static org.tremplin.shared.DomainException.Kind.INVALID_INPUT;
import static org.tremplin.shared.DomainException.Kind.NOT_FOUND;
import static org.tremplin.shared.DomainException.Kind.RULE_VIOLATED;

/**
 * Expense statements and the tranches of a convention: advance, instalments, final report and balance, a pooled fund's split.
 * Fixture: {@link FundingApplicationFixtures}.
 */
class FundingPaymentsTest extends FundingApplicationFixtures {

    // ================================================================== advance

    @Test
    void the_advance_is_the_advance_percentage_of_the_grant() {
        fixture.given(submitted(), granted(), signedSme())
                .when(new PayAdvanceCommand(APP, CONV_SME, "PAY-1", null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(advancePaid());
    }

    @Test
    void the_advance_is_paid_once_under_a_new_payment_id_on_a_signed_convention() {
        fixture.given(submitted(), granted(), signedSme(), advancePaid())
                .when(new PayAdvanceCommand(APP, CONV_SME, "PAY-2", null))
                .expectNoEvents()
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString("advance of convention " + CONV_SME + " was already paid"));
        fixture.given(submitted(), granted(), signedSme(), advancePaid(), submittedStatement("ST-1", "120000", false),
                        approvedStatement("ST-1", "110000.33", "110000.33", false))
                .when(new PayInstalmentCommand(APP, CONV_SME, "PAY-1", "ST-1", null))
                .expectNoEvents()
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString("Payment PAY-1 was already recorded"));
        fixture.given(submitted(), granted())
                .when(new PayAdvanceCommand(APP, CONV_SME, "PAY-1", null))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("No payment on an unsigned convention: " + CONV_SME
                        + " awaits signature; sign it first"));
    }

    // ================================================================== statements

    @Test
    void a_signed_convention_takes_expense_statements_that_are_approved_in_part_or_rejected() {
        fixture.given(submitted(), granted(), signedSme())
                .when(new SubmitExpenseStatementCommand(APP, CONV_SME, "ST-1", LocalDate.of(2025, 12, 31),
                        new BigDecimal("120000"), false))
                .expectEvents(submittedStatement("ST-1", "120000.00", false));
        fixture.given(submitted(), granted(), signedSme(), submittedStatement("ST-1", "120000.00", false))
                .when(new ApproveExpenseStatementCommand(APP, CONV_SME, "ST-1", new BigDecimal("110000.33"), " "))
                .expectEvents(approvedStatement("ST-1", "110000.33", "110000.33", false));
        fixture.given(submitted(), granted(), signedSme(), submittedStatement("ST-1", "120000.00", false))
                .when(new RejectExpenseStatementCommand(APP, CONV_SME, "ST-1", "Missing invoices"))
                .expectEvents(new ExpenseStatementRejectedEvent(APP, CONV_SME, PROJECT, FUNDER, SME, "ST-1",
                        "Missing invoices"));
    }

    @Test
    void approved_expenses_accumulate() {
        fixture.given(submitted(), granted(), signedSme(), submittedStatement("ST-1", "120000.00", false),
                        approvedStatement("ST-1", "110000.33", "110000.33", false),
                        submittedStatement("ST-2", "100000.00", true))
                .when(new ApproveExpenseStatementCommand(APP, CONV_SME, "ST-2", new BigDecimal("100000"), "ok"))
                .expectEvents(new ExpenseStatementApprovedEvent(APP, CONV_SME, PROJECT, FUNDER, SME, "ST-2",
                        eur("100000.00"), eur("210000.33"), true, "ok"));
    }

    @Test
    void statements_are_refused_on_an_unsigned_convention_twice_or_after_the_final_one() {
        fixture.given(submitted(), granted())
                .when(statement("ST-1", "1000", false))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("No expense statement on an unsigned convention"));
        fixture.given(submitted(), granted(), signedSme(), submittedStatement("ST-1", "120000.00", false))
                .when(statement("ST-1", "1000", false))
                .expectNoEvents()
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString("Statement ST-1 was already submitted"));
        fixture.given(submitted(), granted(), signedSme(), submittedStatement("ST-F", "150000.00", true),
                        approvedStatement("ST-F", "150000.00", "150000.00", true))
                .when(statement("ST-2", "1000", false))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("final statement of convention " + CONV_SME + " is already approved"));
        fixture.given(submitted(), granted(), signedSme())
                .when(statement("ST-1", "0", false))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("amount must be more than 0"));
    }

    @Test
    void a_statement_is_decided_once_never_above_what_it_states_and_a_rejection_says_why() {
        fixture.given(submitted(), granted(), signedSme(), submittedStatement("ST-1", "120000.00", false))
                .when(new ApproveExpenseStatementCommand(APP, CONV_SME, "ST-1", new BigDecimal("120000.01"), null))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("approved amount 120,000.01 € exceeds the 120,000.00 € stated in ST-1"));
        fixture.given(submitted(), granted(), signedSme(), submittedStatement("ST-1", "120000.00", false))
                .when(new ApproveExpenseStatementCommand(APP, CONV_SME, "ST-1", BigDecimal.ZERO, null))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("reject the statement instead"));
        fixture.given(submitted(), granted(), signedSme(), submittedStatement("ST-1", "120000.00", false),
                        approvedStatement("ST-1", "110000.33", "110000.33", false))
                .when(new RejectExpenseStatementCommand(APP, CONV_SME, "ST-1", "late"))
                .expectNoEvents()
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString("Statement ST-1 was already approved"));
        fixture.given(submitted(), granted(), signedSme(), submittedStatement("ST-1", "120000.00", false))
                .when(new RejectExpenseStatementCommand(APP, CONV_SME, "ST-1", null))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("reasons is required"));
        fixture.given(submitted(), granted(), signedSme())
                .when(new RejectExpenseStatementCommand(APP, CONV_SME, "ST-9", "x"))
                .expectNoEvents()
                .expectException(ofKind(NOT_FOUND))
                .expectExceptionMessage(containsString("has no statement ST-9"));
    }

    // ================================================================== instalments

    @Test
    void an_instalment_pays_approved_expenses_times_the_rate_less_what_was_paid_rounded_down() {
        // 110,000.33 x 45 % = 49,500.1485, less the 27,000.00 advance = 22,500.1485 -> 22,500.14
        fixture.given(afterFirstApproval())
                .when(new PayInstalmentCommand(APP, CONV_SME, "PAY-2", "ST-1", null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(instalmentPaid());
    }

    @Test
    void an_explicit_instalment_above_what_is_due_is_refused_naming_the_due_amount() {
        fixture.given(afterFirstApproval())
                .when(new PayInstalmentCommand(APP, CONV_SME, "PAY-2", "ST-1", new BigDecimal("22500.15")))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(allOf(containsString("exceeds the 22,500.14 € due"),
                        containsString("approved expenses 110,000.33 € × 45 % = 49,500.14 €")));
        fixture.given(afterFirstApproval())
                .when(new PayInstalmentCommand(APP, CONV_SME, "PAY-2", "ST-1", new BigDecimal("10000")))
                .expectEvents(payment("PAY-2", PaymentKind.INSTALMENT, "ST-1", "10000.00", "37000.00", "53000.00"));
        fixture.given(afterFirstApproval())
                .when(new PayInstalmentCommand(APP, CONV_SME, "PAY-2", "ST-1", BigDecimal.ZERO))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("amount must be more than 0"));
    }

    @Test
    void instalments_stop_at_the_interim_cap() {
        // 200,000 x 45 % = 90,000, capped at 80 % of 90,000 = 72,000, less the advance: 45,000.00
        fixture.given(submitted(), granted(), signedSme(), advancePaid(), submittedStatement("ST-1", "200000.00", false),
                        approvedStatement("ST-1", "200000.00", "200000.00", false))
                .when(new PayInstalmentCommand(APP, CONV_SME, "PAY-2", "ST-1", null))
                .expectEvents(payment("PAY-2", PaymentKind.INSTALMENT, "ST-1", "45000.00", "72000.00", "18000.00"));
    }

    @Test
    void when_the_advance_covers_the_approved_expenses_nothing_is_due_and_nothing_is_recorded() {
        // 50,000 x 45 % = 22,500 < 27,000 already paid
        fixture.given(submitted(), granted(), signedSme(), advancePaid(), submittedStatement("ST-1", "50000.00", false),
                        approvedStatement("ST-1", "50000.00", "50000.00", false))
                .when(new PayInstalmentCommand(APP, CONV_SME, "PAY-2", "ST-1", null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void an_instalment_needs_an_approved_statement_not_yet_paid_against() {
        fixture.given(plus(afterFirstApproval(), instalmentPaid()))
                .when(new PayInstalmentCommand(APP, CONV_SME, "PAY-3", "ST-1", null))
                .expectNoEvents()
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString("An instalment was already paid against statement ST-1"));
        fixture.given(submitted(), granted(), signedSme(), submittedStatement("ST-1", "120000.00", false))
                .when(new PayInstalmentCommand(APP, CONV_SME, "PAY-2", "ST-1", null))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("Statement ST-1 is submitted; an instalment is paid against an "
                        + "approved statement only"));
    }

    @Test
    void no_payment_on_a_lapsed_convention() {
        fixture.given(submitted(), granted(), lapsedSme())
                .when(new PayInstalmentCommand(APP, CONV_SME, "PAY-2", "ST-1", null))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("No payment on a lapsed convention: " + CONV_SME
                        + " lapsed on 2025-09-10, a new application is needed"));
    }

    // ================================================================== final report, balance

    @Test
    void the_final_report_is_accepted_once_after_the_final_statement_is_approved() {
        fixture.given(afterFinalApproval())
                .when(new AcceptFinalReportCommand(APP, CONV_SME, "Good work"))
                .expectEvents(finalReportAccepted());
        fixture.given(plus(afterFinalApproval(), finalReportAccepted()))
                .when(new AcceptFinalReportCommand(APP, CONV_SME, null))
                .expectNoEvents()
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString("was already accepted"));
        fixture.given(afterFirstApproval())
                .when(new AcceptFinalReportCommand(APP, CONV_SME, null))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("after its final expense statement is approved"));
    }

    @Test
    void the_final_report_waits_for_every_pending_statement() {
        List<Object> events = new ArrayList<>(afterFinalApproval());
        events.add(2 + events.indexOf(signedSme()), submittedStatement("ST-0", "500.00", false));
        fixture.given(events)
                .when(new AcceptFinalReportCommand(APP, CONV_SME, null))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("Statements ST-0 of convention " + CONV_SME + " still await a decision"));
    }

    @Test
    void the_balance_pays_up_to_the_grant_and_closes_the_convention() {
        // min(90,000, 210,000.33 x 45 %) - 49,500.14 paid = 40,499.86
        List<Object> events = new ArrayList<>(afterFinalApproval());
        events.add(finalReportAccepted());
        fixture.given(events)
                .when(new PayBalanceCommand(APP, CONV_SME, "PAY-3", null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(payment("PAY-3", PaymentKind.BALANCE, null, "40499.86", "90000.00", "0.00"),
                        new ConventionClosedEvent(APP, CONV_SME, PROJECT, FUNDER, SME, eur("90000.00"), eur("90000.00"),
                                eur("0.00")));
    }

    @Test
    void an_underspent_convention_is_closed_releasing_the_unpaid_grant() {
        // 150,000 x 45 % = 67,500 - 27,000 advance = 40,500; 22,500 of the grant is released
        fixture.given(submitted(), granted(), signedSme(), advancePaid(), submittedStatement("ST-F", "150000.00", true),
                        approvedStatement("ST-F", "150000.00", "150000.00", true), finalReportAccepted())
                .when(new PayBalanceCommand(APP, CONV_SME, "PAY-3", null))
                .expectEvents(payment("PAY-3", PaymentKind.BALANCE, null, "40500.00", "67500.00", "22500.00"),
                        new ConventionClosedEvent(APP, CONV_SME, PROJECT, FUNDER, SME, eur("90000.00"), eur("67500.00"),
                                eur("22500.00")));
    }

    @Test
    void with_nothing_left_to_pay_the_convention_closes_without_a_payment() {
        // 50,000 x 45 % = 22,500, less than the 27,000 advance: nothing more, 63,000 released
        fixture.given(submitted(), granted(), signedSme(), advancePaid(), submittedStatement("ST-F", "50000.00", true),
                        approvedStatement("ST-F", "50000.00", "50000.00", true), finalReportAccepted())
                .when(new PayBalanceCommand(APP, CONV_SME, "PAY-3", null))
                .expectEvents(new ConventionClosedEvent(APP, CONV_SME, PROJECT, FUNDER, SME, eur("90000.00"),
                        eur("27000.00"), eur("63000.00")));
    }

    @Test
    void the_balance_waits_for_the_final_report_and_a_closed_convention_pays_nothing() {
        fixture.given(afterFinalApproval())
                .when(new PayBalanceCommand(APP, CONV_SME, "PAY-3", null))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("is paid after its final report is accepted"));
        List<Object> closed = new ArrayList<>(afterFinalApproval());
        closed.add(finalReportAccepted());
        closed.add(new ConventionClosedEvent(APP, CONV_SME, PROJECT, FUNDER, SME, eur("90000.00"), eur("49500.14"),
                eur("40499.86")));
        fixture.given(closed)
                .when(new PayBalanceCommand(APP, CONV_SME, "PAY-3", null))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("No payment on a closed convention"));
    }

    // ================================================================== pooled fund

    @Test
    void a_pooled_funds_payment_is_split_between_contributors_exact_to_the_cent_ties_in_contributor_order() {
        // 10 % of 10,000.10 = 1,000.01: two halves of 500.005, the first contributor gets the odd cent
        List<PooledFundContributor> halves = List.of(contributor("FUNDER-REGION-ARA", "50.00"),
                contributor("Ville de Grenoble", "50.00"));
        fixture.given(pooled(halves))
                .when(new PayAdvanceCommand(APP_POOLED, CONV_POOLED, "PAY-1", null))
                .expectEvents(pooledAdvance(List.of(new ContributorShare("FUNDER-REGION-ARA", eur("50.00"), eur("500.01")),
                        new ContributorShare("Ville de Grenoble", eur("50.00"), eur("500.00")))));
    }

    @Test
    void the_odd_cent_goes_to_the_largest_remainder() {
        // 1,000.01 x 33.33 % = 333.303333, x 33.34 % = 333.403334: the third has the largest remainder
        List<PooledFundContributor> thirds = List.of(contributor("A", "33.33"), contributor("B", "33.33"),
                contributor("C", "33.34"));
        fixture.given(pooled(thirds))
                .when(new PayAdvanceCommand(APP_POOLED, CONV_POOLED, "PAY-1", null))
                .expectEvents(pooledAdvance(List.of(new ContributorShare("A", eur("33.33"), eur("333.30")),
                        new ContributorShare("B", eur("33.33"), eur("333.30")),
                        new ContributorShare("C", eur("33.34"), eur("333.41")))));
    }

    @Test
    void a_pooled_funds_convention_is_signed_with_contributors_summing_to_one_hundred() {
        List<Object> unsigned = new ArrayList<>(pooled(List.of()));
        unsigned.remove(unsigned.size() - 1);
        fixture.given(unsigned)
                .when(new SignConventionCommand(APP_POOLED, CONV_POOLED, SIGNED, END, new BigDecimal("10"),
                        new BigDecimal("80"), List.of(contributor(" A ", "60"), contributor("B", "40"))))
                .expectEvents(new ConventionSignedEvent(APP_POOLED, CONV_POOLED, PROJECT, FUNDER_POOLED, SME,
                        eur("10000.10"), eur("35.00"), SIGNED, END, eur("10.00"), eur("80.00"),
                        List.of(contributor("A", "60.00"), contributor("B", "40.00"))));
        fixture.given(unsigned)
                .when(new SignConventionCommand(APP_POOLED, CONV_POOLED, SIGNED, END, new BigDecimal("10"),
                        new BigDecimal("80"), List.of(contributor("A", "60"), contributor("B", "39.99"))))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("must sum to exactly 100% (got 99.99%)"));
    }
}

package org.tremplin.funding.command;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tremplin.funding.api.AcceptFinalReportCommand;
import org.tremplin.funding.api.AmendConventionCommand;
import org.tremplin.funding.api.AmendmentKind;
import org.tremplin.funding.api.ApproveExpenseStatementCommand;
import org.tremplin.funding.api.ContributorShare;
import org.tremplin.funding.api.ConventionAmendedEvent;
import org.tremplin.funding.api.ConventionClosedEvent;
import org.tremplin.funding.api.ConventionLapsedEvent;
import org.tremplin.funding.api.ConventionSignedEvent;
import org.tremplin.funding.api.ExpenseStatementApprovedEvent;
import org.tremplin.funding.api.ExpenseStatementRejectedEvent;
import org.tremplin.funding.api.ExpenseStatementSubmittedEvent;
import org.tremplin.funding.api.FinalReportAcceptedEvent;
import org.tremplin.funding.api.FunderKind;
import org.tremplin.funding.api.FundingApplicationRejectedEvent;
import org.tremplin.funding.api.FundingApplicationSubmittedEvent;
import org.tremplin.funding.api.FundingGrantedEvent;
import org.tremplin.funding.api.FundingStage;
import org.tremplin.funding.api.FundingStageOverdueEvent;
import org.tremplin.funding.api.GrantedAid;
import org.tremplin.funding.api.LapseConventionCommand;
import org.tremplin.funding.api.OverdueStageChasedEvent;
import org.tremplin.funding.api.PartnerGrant;
import org.tremplin.funding.api.PartnerRequest;
import org.tremplin.funding.api.PayAdvanceCommand;
import org.tremplin.funding.api.PayBalanceCommand;
import org.tremplin.funding.api.PayInstalmentCommand;
import org.tremplin.funding.api.PaymentKind;
import org.tremplin.funding.api.PaymentMadeEvent;
import org.tremplin.funding.api.PooledFundContributor;
import org.tremplin.funding.api.RecordChaseActionCommand;
import org.tremplin.funding.api.RecordFundingDecisionCommand;
import org.tremplin.funding.api.RejectExpenseStatementCommand;
import org.tremplin.funding.api.ReportOverdueStageCommand;
import org.tremplin.funding.api.RequestedAid;
import org.tremplin.funding.api.ShiftBudgetCommand;
import org.tremplin.funding.api.SignConventionCommand;
import org.tremplin.funding.api.SubmitExpenseStatementCommand;
import org.tremplin.funding.api.SubmitFundingApplicationCommand;
import org.tremplin.funding.process.DmnFundingRules;
import org.tremplin.organisation.api.OrganisationKind;

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
 * A funding application from submission to closed conventions, with the real rate table
 * ({@code bpmn/funding-rates.dmn}). The fixture: an SME, a research lab and a large company apply to FUI call 21;
 * the SME gets 90,000 of the 100,000 it asked, the lab all it asked, the large company nothing.
 */
class FundingApplicationTest {

    private static final String PROJECT = "PRJ-1A2B3C";
    private static final String CALL_CODE = "FUI-21";
    private static final String CALL_ID = "CALL-FUI-21";
    private static final String APP = SubmitFundingApplicationCommand.applicationId(PROJECT, CALL_CODE);
    private static final String FUNDER = "FUNDER-FUI";
    private static final String SME = "SIREN-111";
    private static final String LAB = "LAB-222";
    private static final String BIG = "SIREN-333";
    private static final String CONV_SME = GrantedAid.conventionId(APP, SME);
    private static final String CONV_LAB = GrantedAid.conventionId(APP, LAB);
    private static final String FUI_21 = "FUI call 21";
    private static final LocalDate DECIDED = LocalDate.of(2025, 3, 10);
    private static final LocalDate DEADLINE = LocalDate.of(2025, 9, 10);
    private static final LocalDate SIGNED = LocalDate.of(2025, 4, 1);
    private static final LocalDate END = LocalDate.of(2027, 3, 31);

    /** The real rate table, parsed once. */
    private static final FundingRules RULES = new DmnFundingRules();

    private AggregateTestFixture<FundingApplication> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(FundingApplication.class);
        fixture.registerInjectableResource(RULES);
        fixture.registerInjectableResource(java.time.Clock.systemUTC());
    }

    // ================================================================== submit

    @Test
    void an_application_records_each_request_with_its_rate_source_and_maximum_rounded_down_to_the_cent() {
        // the large company's 25 % of 80,000.01 is 20,000.0025: its maximum is 20,000.00
        fixture.givenNoPriorActivity()
                .when(submit(requests("100000", "40000", "20000")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(submitted());
    }

    @Test
    void requests_above_the_maximum_are_refused_naming_each_partner_its_maximum_rate_and_eligible_costs() {
        fixture.givenNoPriorActivity()
                .when(submit(requests("120000", "40000", "20000.01")))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(allOf(
                        containsString("The request of SIREN-111 (120000.00 €) exceeds the maximum of 112500.00 € = 45 % "
                                + "of eligible costs 250000.00 € (FUI call 21)"),
                        containsString("The request of SIREN-333 (20000.01 €) exceeds the maximum of 20000.00 € = 25 % "
                                + "of eligible costs 80000.01 € (FUI call 21)")));
    }

    @Test
    void a_partner_the_table_gives_no_rate_cannot_ask_anything() {
        fixture.givenNoPriorActivity()
                .when(submit(List.of(new PartnerRequest("ASSO-1", OrganisationKind.OTHER, true,
                        new BigDecimal("10000"), BigDecimal.ZERO, new BigDecimal("1")))))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("maximum of 0.00 € = 0 % of eligible costs 10000.00 € "
                        + "(no rate: not eligible)"));
    }

    @Test
    void a_project_applies_once_to_a_call() {
        fixture.given(submitted())
                .when(submit(requests("100000", "40000", "20000")))
                .expectNoEvents()
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString("has already applied to call FUI-21"));
    }

    @Test
    void the_application_id_must_be_derived_from_project_and_call() {
        fixture.givenNoPriorActivity()
                .when(new SubmitFundingApplicationCommand("APP-X", PROJECT, CALL_ID, CALL_CODE, FUNDER,
                        FunderKind.STATE_FUI, true, 6, requests("100000", "40000", "20000")))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("applicationId must be derived from the project and the call: " + APP));
    }

    @Test
    void malformed_requests_are_refused_saying_what_to_fix() {
        List<PartnerRequest> twice = new ArrayList<>(requests("100000", "40000", "20000"));
        twice.add(twice.get(0));
        refusedAsInvalid(submit(twice), "organisation SIREN-111 is listed twice");
        refusedAsInvalid(submit(List.of()), "requests must not be empty");
        refusedAsInvalid(submit(List.of(request(SME, OrganisationKind.SME, "0", "0", "10"))),
                "the eligible costs of SIREN-111");
        refusedAsInvalid(submit(List.of(request(SME, OrganisationKind.SME, "1000", "0", "0"))),
                "requestedAmount of SIREN-111 must be more than 0");
        refusedAsInvalid(submit(List.of(request(SME, OrganisationKind.SME, "1000.001", "0", "10"))),
                "industrialResearchCost of SIREN-111 must be in euros with at most two decimals");
        refusedAsInvalid(submit(List.of(request(SME, OrganisationKind.SME, "-1", "1000", "10"))),
                "industrialResearchCost of SIREN-111 must not be negative");
        refusedAsInvalid(new SubmitFundingApplicationCommand(APP, PROJECT, CALL_ID, CALL_CODE, FUNDER,
                        FunderKind.STATE_FUI, true, 0, requests("100000", "40000", "20000")),
                "contractingDeadlineMonths must be between 1 and 60 (got 0)");
        List<PartnerRequest> many = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            many.add(request("ORG-" + i, OrganisationKind.SME, "1000", "0", "10"));
        }
        refusedAsInvalid(submit(many), "at most 50 partner requests (got 51)");
    }

    // ================================================================== decide

    @Test
    void a_partial_grant_opens_a_convention_per_granted_partner_with_its_contracting_deadline() {
        fixture.given(submitted())
                .when(new RecordFundingDecisionCommand(APP, true, List.of(grant(SME, "90000"), grant(LAB, "40000"),
                        grant(BIG, "0")), " Budget limited ", DECIDED))
                .expectSuccessfulHandlerExecution()
                .expectEvents(granted());
    }

    @Test
    void a_full_grant_is_not_partial_and_needs_no_reasons() {
        fixture.given(submitted())
                .when(new RecordFundingDecisionCommand(APP, true, List.of(grant(BIG, "20000"), grant(SME, "100000"),
                        grant(LAB, "40000")), null, DECIDED))
                .expectEvents(new FundingGrantedEvent(APP, PROJECT, FUNDER, List.of(
                        new GrantedAid(SME, CONV_SME, eur("100000.00"), eur("100000.00"), eur("45.00")),
                        new GrantedAid(LAB, CONV_LAB, eur("40000.00"), eur("40000.00"), eur("40.00")),
                        new GrantedAid(BIG, GrantedAid.conventionId(APP, BIG), eur("20000.00"), eur("20000.00"),
                                eur("25.00"))),
                        eur("160000.00"), false, null, DECIDED, DEADLINE));
    }

    @Test
    void a_rejection_is_recorded_with_its_reasons() {
        fixture.given(submitted())
                .when(new RecordFundingDecisionCommand(APP, false, null, "Not innovative enough", DECIDED))
                .expectEvents(new FundingApplicationRejectedEvent(APP, PROJECT, FUNDER, "Not innovative enough", DECIDED));
    }

    @Test
    void a_rejection_and_a_partial_grant_need_reasons() {
        fixture.given(submitted())
                .when(new RecordFundingDecisionCommand(APP, false, List.of(), " ", DECIDED))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("reasons (required for a rejection) is required"));
        fixture.given(submitted())
                .when(new RecordFundingDecisionCommand(APP, true, List.of(grant(SME, "90000")), null, DECIDED))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("required for a partial grant: SIREN-111, LAB-222, SIREN-333 receive less than requested"));
    }

    @Test
    void a_grant_above_the_request_is_refused_naming_both() {
        fixture.given(submitted())
                .when(new RecordFundingDecisionCommand(APP, true, List.of(grant(SME, "100000.01")), "x", DECIDED))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("The grant of 100000.01 € to SIREN-111 exceeds its request of 100000.00 €"));
    }

    @Test
    void grants_go_once_to_partners_that_asked_and_at_least_one_gets_something() {
        fixture.given(submitted())
                .when(new RecordFundingDecisionCommand(APP, true, List.of(grant("SIREN-999", "10")), "x", DECIDED))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("organisation SIREN-999 made no request"));
        fixture.given(submitted())
                .when(new RecordFundingDecisionCommand(APP, true, List.of(grant(SME, "10"), grant(SME, "20")), "x", DECIDED))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("SIREN-111 is granted twice"));
        fixture.given(submitted())
                .when(new RecordFundingDecisionCommand(APP, true, List.of(grant(SME, "0")), "x", DECIDED))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("record a rejection instead"));
        fixture.given(submitted())
                .when(new RecordFundingDecisionCommand(APP, true, List.of(grant(SME, "10")), "x", null))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("decidedOn is required"));
    }

    @Test
    void an_application_is_decided_once() {
        fixture.given(submitted(), granted())
                .when(new RecordFundingDecisionCommand(APP, false, null, "changed our mind", DECIDED))
                .expectNoEvents()
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString("was already decided on 2025-03-10"));
    }

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
                .expectExceptionMessage(containsString("approved amount 120000.01 € exceeds the 120000.00 € stated in ST-1"));
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
                .expectExceptionMessage(allOf(containsString("exceeds the 22500.14 € due"),
                        containsString("approved expenses 110000.33 € × 45 % = 49500.14 €")));
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

    // ================================================================== dates that cannot be in the future, or too far ahead

    /** The fixture on a clock fixed at that Paris date, 10:00. */
    private static AggregateTestFixture<FundingApplication> on(LocalDate today) {
        AggregateTestFixture<FundingApplication> dated = new AggregateTestFixture<>(FundingApplication.class);
        dated.registerInjectableResource(RULES);
        dated.registerInjectableResource(java.time.Clock.fixed(today.atTime(10, 0).atZone(java.time.ZoneId.of("Europe/Paris"))
                .toInstant(), java.time.ZoneOffset.UTC));
        return dated;
    }

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
                .expectExceptionMessage(containsString("below the 27000.00 € already paid to it; at most 63000.00 € can move"));
        fixture.given(submitted(), granted(), signedSme())
                .when(new ShiftBudgetCommand(APP, SME, LAB, new BigDecimal("0.01"), "x"))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("would give LAB-222 a grant of 40000.01 €, above its maximum of "
                        + "40000.00 € = 40 % of eligible costs 100000.00 € (FUI call 21)"));
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

    // ================================================================== overdue stages

    @Test
    void an_overdue_stage_and_the_chase_are_recorded_for_the_application_or_a_convention() {
        fixture.given(submitted())
                .when(new ReportOverdueStageCommand(APP, null, FundingStage.SUBMISSION_TO_DECISION, 120))
                .expectEvents(new FundingStageOverdueEvent(APP, null, PROJECT, FUNDER,
                        FundingStage.SUBMISSION_TO_DECISION, 120));
        fixture.given(submitted(), granted())
                .when(new ReportOverdueStageCommand(APP, CONV_SME, FundingStage.DECISION_TO_CONVENTION, 60))
                .expectEvents(new FundingStageOverdueEvent(APP, CONV_SME, PROJECT, FUNDER,
                        FundingStage.DECISION_TO_CONVENTION, 60));
        fixture.given(submitted(), granted())
                .when(new RecordChaseActionCommand(APP, CONV_SME, FundingStage.DECISION_TO_CONVENTION, " Called the funder "))
                .expectEvents(new OverdueStageChasedEvent(APP, CONV_SME, PROJECT, FUNDER,
                        FundingStage.DECISION_TO_CONVENTION, "Called the funder"));
    }

    @Test
    void an_overdue_report_needs_a_known_convention_and_days_and_a_chase_an_action() {
        fixture.given(submitted())
                .when(new ReportOverdueStageCommand(APP, "CONV-NOPE", FundingStage.DECISION_TO_CONVENTION, 60))
                .expectNoEvents()
                .expectException(ofKind(NOT_FOUND));
        fixture.given(submitted())
                .when(new ReportOverdueStageCommand(APP, null, FundingStage.SUBMISSION_TO_DECISION, 0))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("serviceLevelDays must be more than 0"));
        fixture.given(submitted())
                .when(new RecordChaseActionCommand(APP, null, FundingStage.SUBMISSION_TO_DECISION, "x".repeat(2001)))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("action must be at most 2000 characters"));
    }

    // ================================================================== fixtures

    private static final String APP_POOLED = SubmitFundingApplicationCommand.applicationId(PROJECT, "FONDS-UNIQUE");
    private static final String CONV_POOLED = GrantedAid.conventionId(APP_POOLED, SME);
    private static final String FUNDER_POOLED = "FUNDER-FONDS-ARA";

    private static List<Object> plus(List<Object> events, Object... more) {
        List<Object> all = new ArrayList<>(events);
        all.addAll(List.of(more));
        return all;
    }

    private void refusedAsInvalid(Object command, String message) {
        fixture.givenNoPriorActivity()
                .when(command)
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString(message));
    }

    private static BigDecimal eur(String value) {
        return new BigDecimal(value);
    }

    private static PartnerRequest request(String organisation, OrganisationKind kind, String ir, String ed, String asked) {
        return new PartnerRequest(organisation, kind, true, eur(ir), eur(ed), eur(asked));
    }

    private static List<PartnerRequest> requests(String sme, String lab, String big) {
        return List.of(request(SME, OrganisationKind.SME, "200000", "50000", sme),
                request(LAB, OrganisationKind.RESEARCH_LAB, "100000", "0", lab),
                request(BIG, OrganisationKind.LARGE_COMPANY, "0", "80000.01", big));
    }

    private static SubmitFundingApplicationCommand submit(List<PartnerRequest> requests) {
        return new SubmitFundingApplicationCommand(APP, PROJECT, CALL_ID, CALL_CODE, FUNDER, FunderKind.STATE_FUI, true, 6,
                requests);
    }

    private static FundingApplicationSubmittedEvent submitted() {
        return new FundingApplicationSubmittedEvent(APP, PROJECT, CALL_ID, CALL_CODE, FUNDER, FunderKind.STATE_FUI, true, 6,
                List.of(new RequestedAid(SME, OrganisationKind.SME, true, eur("200000.00"), eur("50000.00"), eur("45.00"),
                                FUI_21, eur("112500.00"), eur("100000.00")),
                        new RequestedAid(LAB, OrganisationKind.RESEARCH_LAB, true, eur("100000.00"), eur("0.00"),
                                eur("40.00"), FUI_21, eur("40000.00"), eur("40000.00")),
                        new RequestedAid(BIG, OrganisationKind.LARGE_COMPANY, true, eur("0.00"), eur("80000.01"),
                                eur("25.00"), FUI_21, eur("20000.00"), eur("20000.00"))),
                eur("160000.00"));
    }

    private static PartnerGrant grant(String organisation, String amount) {
        return new PartnerGrant(organisation, eur(amount));
    }

    private static FundingGrantedEvent granted() {
        return new FundingGrantedEvent(APP, PROJECT, FUNDER, List.of(
                new GrantedAid(SME, CONV_SME, eur("100000.00"), eur("90000.00"), eur("45.00")),
                new GrantedAid(LAB, CONV_LAB, eur("40000.00"), eur("40000.00"), eur("40.00"))),
                eur("130000.00"), true, "Budget limited", DECIDED, DEADLINE);
    }

    private static SignConventionCommand sign(LocalDate signedOn, LocalDate end, String advance, String cap) {
        return new SignConventionCommand(APP, CONV_SME, signedOn, end, eur(advance), eur(cap), List.of());
    }

    private static ConventionSignedEvent signedSme() {
        return new ConventionSignedEvent(APP, CONV_SME, PROJECT, FUNDER, SME, eur("90000.00"), eur("45.00"), SIGNED, END,
                eur("30.00"), eur("80.00"), List.of());
    }

    private static ConventionLapsedEvent lapsedSme() {
        return new ConventionLapsedEvent(APP, CONV_SME, PROJECT, FUNDER, SME, DEADLINE, eur("90000.00"));
    }

    private static ConventionAmendedEvent withdrawnSme() {
        return new ConventionAmendedEvent(APP, CONV_SME, PROJECT, FUNDER, SME, 2, AmendmentKind.PARTNER_WITHDRAWAL,
                eur("90000.00"), eur("27000.00"), END, END, null, "Insolvency");
    }

    private static PaymentMadeEvent payment(String paymentId, PaymentKind kind, String statementId, String amount,
                                            String paidTotal, String remaining) {
        return new PaymentMadeEvent(APP, CONV_SME, PROJECT, FUNDER, SME, paymentId, kind, statementId, eur(amount),
                eur(paidTotal), eur(remaining), List.of(), null);
    }

    private static PaymentMadeEvent advancePaid() {
        return payment("PAY-1", PaymentKind.ADVANCE, null, "27000.00", "27000.00", "63000.00");
    }

    private static PaymentMadeEvent instalmentPaid() {
        return payment("PAY-2", PaymentKind.INSTALMENT, "ST-1", "22500.14", "49500.14", "40499.86");
    }

    private static SubmitExpenseStatementCommand statement(String id, String amount, boolean last) {
        return new SubmitExpenseStatementCommand(APP, CONV_SME, id, LocalDate.of(2025, 12, 31), eur(amount), last);
    }

    private static ExpenseStatementSubmittedEvent submittedStatement(String id, String amount, boolean last) {
        return new ExpenseStatementSubmittedEvent(APP, CONV_SME, PROJECT, FUNDER, SME, id, LocalDate.of(2025, 12, 31),
                eur(amount), last);
    }

    private static ExpenseStatementApprovedEvent approvedStatement(String id, String approved, String total, boolean last) {
        return new ExpenseStatementApprovedEvent(APP, CONV_SME, PROJECT, FUNDER, SME, id, eur(approved), eur(total), last,
                null);
    }

    private static FinalReportAcceptedEvent finalReportAccepted() {
        return new FinalReportAcceptedEvent(APP, CONV_SME, PROJECT, FUNDER, SME, "Good work");
    }

    /** Signed, advance paid, ST-1 approved for 110,000.33. */
    private static List<Object> afterFirstApproval() {
        return List.of(submitted(), granted(), signedSme(), advancePaid(), submittedStatement("ST-1", "120000.00", false),
                approvedStatement("ST-1", "110000.33", "110000.33", false));
    }

    /** ... then the instalment of 22,500.14 and the final statement ST-2 approved for 100,000 (total 210,000.33). */
    private static List<Object> afterFinalApproval() {
        List<Object> events = new ArrayList<>(afterFirstApproval());
        events.add(instalmentPaid());
        events.add(submittedStatement("ST-2", "100000.00", true));
        events.add(approvedStatement("ST-2", "100000.00", "210000.33", true));
        return events;
    }

    private static PooledFundContributor contributor(String who, String share) {
        return new PooledFundContributor(who, eur(share));
    }

    /** A pooled fund's application: the SME granted 10,000.10, signed with a 10 % advance and these contributors. */
    private static List<Object> pooled(List<PooledFundContributor> contributors) {
        return List.of(
                new FundingApplicationSubmittedEvent(APP_POOLED, PROJECT, "CALL-FONDS-UNIQUE", "FONDS-UNIQUE",
                        FUNDER_POOLED, FunderKind.POOLED_FUND, true, 6,
                        List.of(new RequestedAid(SME, OrganisationKind.SME, true, eur("40000.00"), eur("0.00"),
                                eur("35.00"), "Tremplin default (assumption, to be set by the pole)", eur("14000.00"),
                                eur("10000.10"))),
                        eur("10000.10")),
                new FundingGrantedEvent(APP_POOLED, PROJECT, FUNDER_POOLED, List.of(new GrantedAid(SME, CONV_POOLED,
                        eur("10000.10"), eur("10000.10"), eur("35.00"))), eur("10000.10"), false, null, DECIDED, DEADLINE),
                new ConventionSignedEvent(APP_POOLED, CONV_POOLED, PROJECT, FUNDER_POOLED, SME, eur("10000.10"),
                        eur("35.00"), SIGNED, END, eur("10.00"), eur("80.00"), contributors));
    }

    private static PaymentMadeEvent pooledAdvance(List<ContributorShare> shares) {
        return new PaymentMadeEvent(APP_POOLED, CONV_POOLED, PROJECT, FUNDER_POOLED, SME, "PAY-1", PaymentKind.ADVANCE,
                null, eur("1000.01"), eur("1000.01"), eur("9000.09"), shares, null);
    }
}

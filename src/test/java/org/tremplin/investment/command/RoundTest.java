package org.tremplin.investment.command;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tremplin.investment.api.*;
import org.tremplin.shared.DomainException;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The Round aggregate: opening, invitations and NDA, commitments and their refusals, amended terms, the close. */
class RoundTest {

    private static final String ROUND = "ROUND-0A1B2C3D";
    private static final String COMPANY = "OTHER-PHOTONIQUE";
    private static final String PROJECT = "PRJ-0001";
    private static final String ANGELS = "INVESTOR-ANGELS";
    private static final String VC = "INVESTOR-VC";
    private static final String BPI = "INVESTOR-BPI";
    private static final LocalDate TODAY = LocalDate.of(2027, 3, 1);
    private static final LocalDate CLOSING = LocalDate.of(2027, 4, 30);
    private static final Instant NDA_AT = Instant.parse("2027-03-02T09:00:00Z");
    private static final Instant RECONFIRM_BY = Instant.parse("2027-03-20T23:00:00Z");

    private AggregateTestFixture<Round> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Round.class);
    }

    // ------------------------------------------------------------------ opening

    @Test
    void a_round_opens_for_the_carrier_of_a_labelled_project() {
        fixture.givenNoPriorActivity()
                .when(open(PROJECT, "LABEL_GRANTED", true, terms(false)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(opened(terms(false)));
    }

    @Test
    void a_round_opens_for_a_member_company_on_its_own() {
        fixture.givenNoPriorActivity()
                .when(open(null, null, false, terms(false)))
                .expectEvents(new RoundOpenedEvent(ROUND, "Series A", COMPANY, null, terms(false), true, false, TODAY));
    }

    @Test
    void a_project_that_is_not_labelled_cannot_open_a_round() {
        fixture.givenNoPriorActivity()
                .when(open(PROJECT, "UNDER_REVIEW", true, terms(false)))
                .expectException(DomainException.class).expectExceptionMessage(containing("labelled project only"))
                .expectNoEvents();
    }

    @Test
    void a_company_outside_the_project_cannot_open_its_round() {
        fixture.givenNoPriorActivity()
                .when(open(PROJECT, "FUNDING", false, terms(false)))
                .expectException(kind(DomainException.Kind.RULE_VIOLATED)).expectNoEvents();
    }

    @Test
    void an_equity_round_needs_a_pre_money_valuation() {
        RoundTerms noValuation = new RoundTerms(Instrument.EQUITY, eur(500000), eur(300000), eur(600000), eur(50000), null,
                CLOSING, false);
        fixture.givenNoPriorActivity().when(open(null, null, false, noValuation))
                .expectException(kind(DomainException.Kind.INVALID_INPUT))
                .expectExceptionMessage(containing("preMoneyValuation is required")).expectNoEvents();
    }

    @Test
    void a_maximum_raise_below_the_minimum_raise_is_refused() {
        RoundTerms inverted = new RoundTerms(Instrument.CONVERTIBLE_NOTE, eur(300000), eur(300000), eur(200000), eur(50000),
                null, CLOSING, false);
        fixture.givenNoPriorActivity().when(open(null, null, false, inverted))
                .expectException(kind(DomainException.Kind.INVALID_INPUT)).expectNoEvents();
    }

    @Test
    void a_closing_date_that_is_not_in_the_future_is_refused() {
        RoundTerms past = new RoundTerms(Instrument.EQUITY, eur(500000), eur(300000), eur(600000), eur(50000), eur(4000000),
                TODAY, false);
        fixture.givenNoPriorActivity().when(open(null, null, false, past))
                .expectException(kind(DomainException.Kind.INVALID_INPUT)).expectNoEvents();
    }

    // ------------------------------------------------------------------ invitations and NDA

    @Test
    void an_invited_investor_accepts_the_nda_with_its_time() {
        fixture.given(opened(terms(false)), invited(ANGELS))
                .when(new AcceptRoundNdaCommand(ROUND, ANGELS, "ivan", NDA_AT))
                .expectEvents(new RoundNdaAcceptedEvent(ROUND, ANGELS, "ivan", NDA_AT));
    }

    @Test
    void an_investor_is_invited_once() {
        fixture.given(opened(terms(false)), invited(ANGELS))
                .when(new InviteInvestorCommand(ROUND, ANGELS))
                .expectException(kind(DomainException.Kind.CONFLICT)).expectNoEvents();
    }

    @Test
    void an_investor_not_invited_cannot_accept_the_nda() {
        fixture.given(opened(terms(false)))
                .when(new AcceptRoundNdaCommand(ROUND, VC, "vera", NDA_AT))
                .expectException(kind(DomainException.Kind.RULE_VIOLATED)).expectNoEvents();
    }

    // ------------------------------------------------------------------ commitments

    @Test
    void an_investor_under_nda_commits_at_least_the_minimum_ticket() {
        fixture.given(opened(terms(false)), invited(ANGELS), nda(ANGELS))
                .when(new CommitToRoundCommand(ROUND, ANGELS, eur(50000)))
                .expectEvents(new CommitmentMadeEvent(ROUND, ANGELS, eur(50000), eur(50000)));
    }

    @Test
    void a_commitment_below_the_minimum_ticket_is_refused() {
        fixture.given(opened(terms(false)), invited(ANGELS), nda(ANGELS))
                .when(new CommitToRoundCommand(ROUND, ANGELS, eur(49999)))
                .expectException(kind(DomainException.Kind.RULE_VIOLATED))
                .expectExceptionMessage(containing("below the minimum ticket")).expectNoEvents();
    }

    @Test
    void a_commitment_without_the_nda_is_refused() {
        fixture.given(opened(terms(false)), invited(ANGELS))
                .when(new CommitToRoundCommand(ROUND, ANGELS, eur(100000)))
                .expectException(kind(DomainException.Kind.RULE_VIOLATED))
                .expectExceptionMessage(containing("must accept the NDA")).expectNoEvents();
    }

    @Test
    void a_commitment_after_the_close_is_refused() {
        fixture.given(opened(terms(false)), invited(ANGELS), nda(ANGELS), committed(ANGELS, 100000, 100000),
                        new CommitmentAllocatedEvent(ROUND, ANGELS, eur(100000), eur(100000)),
                        new RoundClosedEvent(ROUND, eur(100000), eur(100000), null, false, false, null, CLOSING))
                .when(new CommitToRoundCommand(ROUND, ANGELS, eur(200000)))
                .expectException(kind(DomainException.Kind.CONFLICT)).expectExceptionMessage(containing("CLOSED"))
                .expectNoEvents();
    }

    @Test
    void a_commitment_taking_an_all_or_nothing_round_over_its_maximum_is_refused() {
        fixture.given(opened(terms(true)), invited(ANGELS), nda(ANGELS), invited(VC), nda(VC),
                        committed(ANGELS, 400000, 400000))
                .when(new CommitToRoundCommand(ROUND, VC, eur(250000)))
                .expectException(kind(DomainException.Kind.RULE_VIOLATED))
                .expectExceptionMessage(containing("commit at most 200,000.00 €")).expectNoEvents();
    }

    @Test
    void a_commitment_in_cents_is_refused() {
        fixture.given(opened(terms(false)), invited(ANGELS), nda(ANGELS))
                .when(new CommitToRoundCommand(ROUND, ANGELS, new BigDecimal("60000.50")))
                .expectException(kind(DomainException.Kind.INVALID_INPUT)).expectNoEvents();
    }

    @Test
    void an_investor_changes_then_withdraws_its_commitment_before_the_close() {
        fixture.given(opened(terms(false)), invited(ANGELS), nda(ANGELS), committed(ANGELS, 100000, 100000))
                .when(new CommitToRoundCommand(ROUND, ANGELS, eur(150000)))
                .expectEvents(new CommitmentChangedEvent(ROUND, ANGELS, eur(100000), eur(150000), eur(150000)));
        setUp();
        fixture.given(opened(terms(false)), invited(ANGELS), nda(ANGELS), committed(ANGELS, 100000, 100000))
                .when(new WithdrawCommitmentCommand(ROUND, ANGELS, "Invested elsewhere"))
                .expectEvents(new CommitmentWithdrawnEvent(ROUND, ANGELS, eur(100000), "Invested elsewhere", eur(0)));
    }

    @Test
    void there_is_nothing_to_withdraw_without_a_commitment() {
        fixture.given(opened(terms(false)), invited(ANGELS), nda(ANGELS))
                .when(new WithdrawCommitmentCommand(ROUND, ANGELS, "Changed my mind"))
                .expectException(kind(DomainException.Kind.RULE_VIOLATED)).expectNoEvents();
    }

    // ------------------------------------------------------------------ amended terms

    @Test
    void a_material_change_of_terms_asks_every_committed_investor_to_reconfirm() {
        RoundTerms lowerValuation = new RoundTerms(Instrument.EQUITY, eur(500000), eur(300000), eur(600000), eur(50000),
                eur(3000000), CLOSING, false);
        fixture.given(opened(terms(false)), invited(ANGELS), nda(ANGELS), invited(VC), nda(VC), committed(ANGELS, 100000, 100000))
                .when(new AmendRoundTermsCommand(ROUND, lowerValuation, "Valuation revised", RECONFIRM_BY))
                .expectResultMessagePayload(1)
                .expectEvents(new RoundTermsAmendedEvent(ROUND, 1, terms(false), lowerValuation, "Valuation revised", true,
                        List.of(ANGELS), RECONFIRM_BY));
    }

    @Test
    void a_later_closing_date_alone_is_not_material() {
        RoundTerms later = new RoundTerms(Instrument.EQUITY, eur(500000), eur(300000), eur(600000), eur(50000), eur(4000000),
                CLOSING.plusMonths(1), false);
        fixture.given(opened(terms(false)), invited(ANGELS), nda(ANGELS), committed(ANGELS, 100000, 100000))
                .when(new AmendRoundTermsCommand(ROUND, later, "More time", RECONFIRM_BY))
                .expectEvents(new RoundTermsAmendedEvent(ROUND, 1, terms(false), later, "More time", false, List.of(), null));
    }

    @Test
    void a_commitment_not_reconfirmed_lapses_at_the_deadline_and_a_reconfirmed_one_stays() {
        fixture.given(opened(terms(false)), invited(ANGELS), nda(ANGELS), invited(VC), nda(VC),
                        committed(ANGELS, 100000, 100000), committed(VC, 200000, 300000), material(ANGELS, VC),
                        new CommitmentReconfirmedEvent(ROUND, VC, eur(200000), 1))
                .when(new LapseUnconfirmedCommitmentsCommand(ROUND, 1))
                .expectEvents(new CommitmentLapsedEvent(ROUND, ANGELS, eur(100000), 1, eur(200000)));
    }

    @Test
    void an_investor_without_a_pending_reconfirmation_cannot_reconfirm() {
        fixture.given(opened(terms(false)), invited(ANGELS), nda(ANGELS), committed(ANGELS, 100000, 100000))
                .when(new ReconfirmCommitmentCommand(ROUND, ANGELS))
                .expectException(kind(DomainException.Kind.CONFLICT)).expectNoEvents();
    }

    @Test
    void the_invitation_task_accepts_the_nda_unless_accepted_already_then_commits() {
        java.time.Instant at = java.time.Instant.parse("2027-01-10T09:00:00Z");
        fixture.given(opened(terms(false)), invited(ANGELS))
                .when(new org.tremplin.investment.api.AnswerInvitationCommand(ROUND, ANGELS, "angel.user", at, eur(100000)))
                .expectEvents(new org.tremplin.investment.api.RoundNdaAcceptedEvent(ROUND, ANGELS, "angel.user", at),
                        new org.tremplin.investment.api.CommitmentMadeEvent(ROUND, ANGELS, eur(100000), eur(100000)));
        fixture.given(opened(terms(false)), invited(ANGELS), nda(ANGELS))
                .when(new org.tremplin.investment.api.AnswerInvitationCommand(ROUND, ANGELS, "angel.user", at, null))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        // a refused commitment stores nothing, the NDA included
        fixture.given(opened(terms(false)), invited(ANGELS))
                .when(new org.tremplin.investment.api.AnswerInvitationCommand(ROUND, ANGELS, "angel.user", at, eur(10)))
                .expectException(kind(DomainException.Kind.RULE_VIOLATED)).expectNoEvents();
    }

    @Test
    void the_reconfirmation_task_reconfirms_or_withdraws_an_awaiting_commitment() {
        fixture.given(opened(terms(false)), invited(ANGELS), nda(ANGELS), committed(ANGELS, 100000, 100000), material(ANGELS))
                .when(new org.tremplin.investment.api.AnswerReconfirmationCommand(ROUND, ANGELS, true, null))
                .expectEvents(new CommitmentReconfirmedEvent(ROUND, ANGELS, eur(100000), 1));
        fixture.given(opened(terms(false)), invited(ANGELS), nda(ANGELS), committed(ANGELS, 100000, 100000), material(ANGELS))
                .when(new org.tremplin.investment.api.AnswerReconfirmationCommand(ROUND, ANGELS, false, "Not under these terms"))
                .expectEvents(new org.tremplin.investment.api.CommitmentWithdrawnEvent(ROUND, ANGELS, eur(100000),
                        "Not under these terms", eur(0)));
    }

    @Test
    void the_reconfirmation_task_records_nothing_for_a_commitment_already_answered() {
        fixture.given(opened(terms(false)), invited(ANGELS), nda(ANGELS), committed(ANGELS, 100000, 100000), material(ANGELS),
                        new CommitmentReconfirmedEvent(ROUND, ANGELS, eur(100000), 1))
                .when(new org.tremplin.investment.api.AnswerReconfirmationCommand(ROUND, ANGELS, false, "Changed my mind"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    // ------------------------------------------------------------------ close

    @Test
    void an_all_or_nothing_round_below_its_minimum_is_cancelled_and_every_commitment_released() {
        fixture.given(opened(terms(true)), invited(ANGELS), nda(ANGELS), invited(VC), nda(VC),
                        committed(ANGELS, 100000, 100000), committed(VC, 100000, 200000))
                .when(new CloseRoundCommand(ROUND, CLOSING, false, null))
                .expectResultMessagePayload(RoundStatus.CANCELLED)
                .expectEvents(new CommitmentReleasedEvent(ROUND, ANGELS, eur(100000)),
                        new CommitmentReleasedEvent(ROUND, VC, eur(100000)),
                        new RoundCancelledEvent(ROUND, eur(200000), eur(300000),
                                "All-or-nothing round below its minimum raise: 200,000.00 € committed, 300,000.00 € needed",
                                CLOSING));
    }

    @Test
    void an_oversubscribed_round_is_allocated_pro_rata_to_its_maximum_with_the_post_money_valuation() {
        fixture.given(opened(terms(false)), invited(ANGELS), nda(ANGELS), invited(VC), nda(VC), invited(BPI), nda(BPI),
                        committed(ANGELS, 100000, 100000), committed(VC, 400000, 500000), committed(BPI, 300000, 800000))
                .when(new CloseRoundCommand(ROUND, CLOSING, false, null))
                .expectResultMessagePayload(RoundStatus.CLOSED)
                .expectEvents(new CommitmentAllocatedEvent(ROUND, ANGELS, eur(100000), eur(75000)),
                        new CommitmentAllocatedEvent(ROUND, VC, eur(400000), eur(300000)),
                        new CommitmentAllocatedEvent(ROUND, BPI, eur(300000), eur(225000)),
                        new RoundClosedEvent(ROUND, eur(800000), eur(600000), eur(4600000), true, false, null, CLOSING));
    }

    @Test
    void staff_close_early_with_a_reason_and_pending_reconfirmations_lapse_first() {
        fixture.given(opened(terms(false)), invited(ANGELS), nda(ANGELS), invited(VC), nda(VC),
                        committed(ANGELS, 100000, 100000), committed(VC, 250000, 350000), material(ANGELS),
                        new CommitmentReconfirmedEvent(ROUND, ANGELS, eur(100000), 1))
                .when(new CloseRoundCommand(ROUND, TODAY, true, "Target reached"))
                .expectEvents(new CommitmentAllocatedEvent(ROUND, ANGELS, eur(100000), eur(100000)),
                        new CommitmentAllocatedEvent(ROUND, VC, eur(250000), eur(250000)),
                        new RoundClosedEvent(ROUND, eur(350000), eur(350000), eur(4350000), false, true, "Target reached", TODAY));
    }

    @Test
    void closing_early_needs_a_reason() {
        fixture.given(opened(terms(false)))
                .when(new CloseRoundCommand(ROUND, TODAY, true, " "))
                .expectException(kind(DomainException.Kind.INVALID_INPUT)).expectNoEvents();
    }

    @Test
    void a_round_without_any_commitment_is_cancelled() {
        fixture.given(opened(terms(false)), invited(ANGELS))
                .when(new CloseRoundCommand(ROUND, CLOSING, false, null))
                .expectEvents(new RoundCancelledEvent(ROUND, eur(0), eur(300000), "No commitment at the close", CLOSING));
    }

    // ------------------------------------------------------------------ helpers

    private static OpenRoundCommand open(String project, String status, boolean inProject, RoundTerms terms) {
        return new OpenRoundCommand(ROUND, " Series A ", COMPANY, project, status, inProject, terms, true, false, TODAY);
    }

    private static RoundOpenedEvent opened(RoundTerms terms) {
        return new RoundOpenedEvent(ROUND, "Series A", COMPANY, PROJECT, terms, true, false, TODAY);
    }

    /** Equity, target 500k, raise 300k-600k, ticket 50k, pre-money 4M. */
    private static RoundTerms terms(boolean allOrNothing) {
        return new RoundTerms(Instrument.EQUITY, eur(500000), eur(300000), eur(600000), eur(50000), eur(4000000), CLOSING,
                allOrNothing);
    }

    private static InvestorInvitedEvent invited(String investor) {
        return new InvestorInvitedEvent(ROUND, investor);
    }

    private static RoundNdaAcceptedEvent nda(String investor) {
        return new RoundNdaAcceptedEvent(ROUND, investor, "user-of-" + investor, NDA_AT);
    }

    private static CommitmentMadeEvent committed(String investor, long amount, long total) {
        return new CommitmentMadeEvent(ROUND, investor, eur(amount), eur(total));
    }

    private static RoundTermsAmendedEvent material(String... investors) {
        RoundTerms lower = new RoundTerms(Instrument.EQUITY, eur(500000), eur(300000), eur(600000), eur(50000), eur(4000000),
                CLOSING, false);
        return new RoundTermsAmendedEvent(ROUND, 1, terms(false), lower, "Valuation revised", true, List.of(investors),
                RECONFIRM_BY);
    }

    private static BigDecimal eur(long amount) {
        return BigDecimal.valueOf(amount).setScale(2);
    }

    private static Matcher<String> containing(String text) {
        return org.hamcrest.Matchers.containsString(text);
    }

    private static Matcher<DomainException> kind(DomainException.Kind kind) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DomainException exception) {
                return exception.kind() == kind;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a DomainException of kind ").appendValue(kind);
            }
        };
    }
}

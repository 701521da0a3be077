package org.tremplin.funding.command;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tremplin.funding.api.CallClosedEarlyEvent;
import org.tremplin.funding.api.CallClosingDateExtendedEvent;
import org.tremplin.funding.api.CallOpenedEvent;
import org.tremplin.funding.api.CheckCallEligibilityCommand;
import org.tremplin.funding.api.CloseCallEarlyCommand;
import org.tremplin.funding.api.ExtendCallClosingDateCommand;
import org.tremplin.funding.api.OpenCallCommand;
import org.tremplin.organisation.api.OrganisationKind;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.tremplin.funding.command.DomainExceptions.ofKind;
import static org.tremplin.organisation.api.OrganisationKind.LARGE_COMPANY;
import static org.tremplin.organisation.api.OrganisationKind.MID_SIZE_COMPANY;
import static org.tremplin.organisation.api.OrganisationKind.RESEARCH_LAB;
import static org.tremplin.organisation.api.OrganisationKind.SME;
import static org.tremplin.shared.DomainException.Kind.CONFLICT;
import static org.tremplin.shared.DomainException.Kind.INVALID_INPUT;
import static org.tremplin.shared.DomainException.Kind.RULE_VIOLATED;

class CallTest {

    /** 10:00 UTC on 15 January 2027: the same day in Paris. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2027-01-15T10:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate TODAY = LocalDate.of(2027, 1, 15);
    private static final LocalDate OPENING = LocalDate.of(2027, 1, 10);
    private static final LocalDate CLOSING = LocalDate.of(2027, 3, 31);

    private static final String CALL = "CALL-FUI-21";
    private static final String FUNDER = "FUNDER-FUI";
    private static final BigDecimal MAX = new BigDecimal("1500000.00");

    private AggregateTestFixture<Call> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixtureAt(CLOCK);
    }

    // ------------------------------------------------------------------ open

    @Test
    void a_call_is_opened_with_its_window_and_criteria() {
        fixture.givenNoPriorActivity()
                .when(open(OPENING, CLOSING, Set.of(SME, MID_SIZE_COMPANY), new BigDecimal("1500000")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(opened(Set.of(SME, MID_SIZE_COMPANY), MAX));
    }

    @Test
    void a_call_may_set_no_maximum_project_size() {
        fixture.givenNoPriorActivity()
                .when(open(OPENING, CLOSING, Set.of(SME), null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(opened(Set.of(SME), null));
    }

    @Test
    void a_call_may_be_published_before_it_opens() {
        fixture.givenNoPriorActivity()
                .when(open(LocalDate.of(2027, 9, 1), LocalDate.of(2027, 11, 30), Set.of(SME), null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CallOpenedEvent(CALL, FUNDER, "FUI-21", "FUI call 21", LocalDate.of(2027, 9, 1),
                        LocalDate.of(2027, 11, 30), Set.of(SME), true, null));
    }

    @Test
    void a_closing_date_before_the_opening_date_is_refused() {
        fixture.givenNoPriorActivity()
                .when(open(CLOSING, OPENING, Set.of(SME), null))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("The closing date (2027-01-10) must be after the opening date (2027-03-31)"));
    }

    @Test
    void a_call_closing_on_its_opening_day_is_refused() {
        fixture.givenNoPriorActivity()
                .when(open(CLOSING, CLOSING, Set.of(SME), null))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("must be after the opening date"));
    }

    @Test
    void a_call_whose_closing_date_is_already_past_is_refused() {
        fixture.givenNoPriorActivity()
                .when(open(LocalDate.of(2026, 9, 1), LocalDate.of(2027, 1, 14), Set.of(SME), null))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("The closing date 2027-01-14 is already past (today is 2027-01-15 in Paris)"));
    }

    @Test
    void a_call_with_no_eligible_partner_kind_is_refused() {
        fixture.givenNoPriorActivity()
                .when(open(OPENING, CLOSING, Set.of(), null))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("eligiblePartnerKinds must not be empty"));
    }

    @Test
    void an_empty_eligible_kind_is_refused() {
        Set<OrganisationKind> kinds = new HashSet<>();
        kinds.add(SME);
        kinds.add(null);
        fixture.givenNoPriorActivity()
                .when(open(OPENING, CLOSING, kinds, null))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("eligiblePartnerKinds must not contain an empty kind"));
    }

    @Test
    void a_maximum_project_size_with_three_decimals_is_refused() {
        fixture.givenNoPriorActivity()
                .when(open(OPENING, CLOSING, Set.of(SME), new BigDecimal("1000.005")))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("maxProjectSize must be in euros with at most two decimals"));
    }

    @Test
    void a_negative_or_zero_maximum_project_size_is_refused() {
        fixture.givenNoPriorActivity()
                .when(open(OPENING, CLOSING, Set.of(SME), new BigDecimal("-1")))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("maxProjectSize must not be negative"));
        fixture = fixtureAt(CLOCK);
        fixture.givenNoPriorActivity()
                .when(open(OPENING, CLOSING, Set.of(SME), BigDecimal.ZERO))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("maxProjectSize must be more than 0 euros"));
    }

    @Test
    void a_call_without_dates_is_refused() {
        fixture.givenNoPriorActivity()
                .when(open(null, CLOSING, Set.of(SME), null))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("openingDate is required"));
    }

    @Test
    void a_title_of_two_characters_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new OpenCallCommand(CALL, FUNDER, "FUI-21", " AI ", OPENING, CLOSING, Set.of(SME), true, null))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("title must be at least 3 characters"));
    }

    @Test
    void a_call_without_a_funder_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new OpenCallCommand(CALL, " ", "FUI-21", "FUI call 21", OPENING, CLOSING, Set.of(SME), true, null))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("funderId is required"));
    }

    @Test
    void a_call_names_its_funder_by_the_funders_id() {
        fixture.givenNoPriorActivity()
                .when(new OpenCallCommand(CALL, "FUI", "FUI-21", "FUI call 21", OPENING, CLOSING, Set.of(SME), true, null))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("funderId must be a funder's id, e.g. FUNDER-FUI (got FUI)"));
    }

    @Test
    void the_call_id_must_be_derived_from_the_code() {
        fixture.givenNoPriorActivity()
                .when(new OpenCallCommand("FUI-21", FUNDER, "FUI-21", "FUI call 21", OPENING, CLOSING, Set.of(SME), true, null))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("callId must be derived from the code: CALL-FUI-21"));
    }

    @Test
    void a_code_in_lower_case_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new OpenCallCommand("CALL-fui-21", FUNDER, "fui-21", "FUI call 21", OPENING, CLOSING, Set.of(SME), true, null))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("code must be capital letters and digits"));
    }

    @Test
    void a_call_cannot_be_opened_twice_under_the_same_code() {
        fixture.given(opened(Set.of(SME), MAX))
                .when(open(OPENING, CLOSING, Set.of(SME), null))
                .expectNoEvents()
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString("A call with code FUI-21 already exists (funder FUNDER-FUI)"));
    }

    // ------------------------------------------------------------------ extend

    @Test
    void the_closing_date_is_extended_with_a_reason() {
        fixture.given(opened(Set.of(SME), MAX))
                .when(new ExtendCallClosingDateCommand(CALL, LocalDate.of(2027, 4, 15), " Late budget vote "))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CallClosingDateExtendedEvent(CALL, CLOSING, LocalDate.of(2027, 4, 15), "Late budget vote"));
    }

    @Test
    void an_extension_beyond_ten_years_is_refused() {
        fixture.given(opened(Set.of(SME), MAX))
                .when(new ExtendCallClosingDateCommand(CALL, TODAY.plusYears(10).plusDays(1), "Far away"))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("closingDate is too far ahead (got 2037-01-16): a call closes at most"
                        + " 10 years from today, 2037-01-15 at the latest"));
        fixture.given(opened(Set.of(SME), MAX))
                .when(new ExtendCallClosingDateCommand(CALL, TODAY.plusYears(10), "Far, but not too far"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void an_extension_must_move_the_closing_date_later() {
        fixture.given(opened(Set.of(SME), MAX))
                .when(new ExtendCallClosingDateCommand(CALL, CLOSING, "Same day"))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("An extension moves the closing date later than 2027-03-31 (got 2027-03-31)"));
    }

    @Test
    void an_extension_needs_a_reason() {
        fixture.given(opened(Set.of(SME), MAX))
                .when(new ExtendCallClosingDateCommand(CALL, LocalDate.of(2027, 4, 15), "  "))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("reason is required"));
    }

    @Test
    void an_extension_needs_a_date() {
        fixture.given(opened(Set.of(SME), MAX))
                .when(new ExtendCallClosingDateCommand(CALL, null, "Late budget vote"))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("closingDate is required"));
    }

    @Test
    void a_call_closed_early_cannot_be_extended() {
        fixture.given(opened(Set.of(SME), MAX), new CallClosedEarlyEvent(CALL, TODAY, "Budget exhausted"))
                .when(new ExtendCallClosingDateCommand(CALL, LocalDate.of(2027, 4, 15), "Second thoughts"))
                .expectNoEvents()
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString("was closed early on 2027-01-15; it cannot be extended"));
    }

    @Test
    void a_call_past_its_closing_date_in_paris_cannot_be_extended() {
        // 22:30 UTC on 31 March is already 1 April in Paris (summer time, UTC+2)
        fixtureAt(Clock.fixed(Instant.parse("2027-03-31T22:30:00Z"), ZoneOffset.UTC))
                .given(opened(Set.of(SME), MAX))
                .when(new ExtendCallClosingDateCommand(CALL, LocalDate.of(2027, 4, 15), "Too late"))
                .expectNoEvents()
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString("Call FUI-21 closed on 2027-03-31; it cannot be extended"));
    }

    @Test
    void a_call_may_still_be_extended_on_its_closing_day_in_paris() {
        // 21:30 UTC on 31 March is 23:30 in Paris, still the closing day
        fixtureAt(Clock.fixed(Instant.parse("2027-03-31T21:30:00Z"), ZoneOffset.UTC))
                .given(opened(Set.of(SME), MAX))
                .when(new ExtendCallClosingDateCommand(CALL, LocalDate.of(2027, 4, 15), "Server outage"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CallClosingDateExtendedEvent(CALL, CLOSING, LocalDate.of(2027, 4, 15), "Server outage"));
    }

    @Test
    void an_unknown_call_cannot_be_extended() {
        fixture.givenNoPriorActivity()
                .when(new ExtendCallClosingDateCommand(CALL, LocalDate.of(2027, 4, 15), "Late budget vote"))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    // ------------------------------------------------------------------ close early

    @Test
    void a_call_is_closed_early_today_with_a_reason() {
        fixture.given(opened(Set.of(SME), MAX))
                .when(new CloseCallEarlyCommand(CALL, " Budget exhausted "))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CallClosedEarlyEvent(CALL, TODAY, "Budget exhausted"));
    }

    @Test
    void a_call_cannot_be_closed_early_twice() {
        fixture.given(opened(Set.of(SME), MAX), new CallClosedEarlyEvent(CALL, TODAY, "Budget exhausted"))
                .when(new CloseCallEarlyCommand(CALL, "Again"))
                .expectNoEvents()
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString("was closed early on 2027-01-15; it cannot be closed again"));
    }

    @Test
    void a_call_past_its_closing_date_cannot_be_closed_early() {
        fixtureAt(Clock.fixed(Instant.parse("2027-04-02T08:00:00Z"), ZoneOffset.UTC))
                .given(opened(Set.of(SME), MAX))
                .when(new CloseCallEarlyCommand(CALL, "Too late"))
                .expectNoEvents()
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString("closed on 2027-03-31; it cannot be closed again"));
    }

    @Test
    void closing_early_needs_a_reason() {
        fixture.given(opened(Set.of(SME), MAX))
                .when(new CloseCallEarlyCommand(CALL, null))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("reason is required"));
    }

    // ------------------------------------------------------------------ eligibility

    @Test
    void an_eligible_application_passes_and_nothing_is_recorded() {
        fixture.given(opened(Set.of(SME, MID_SIZE_COMPANY, RESEARCH_LAB), MAX))
                .when(check(LocalDate.of(2027, 2, 1), Set.of(SME, RESEARCH_LAB), true, new BigDecimal("1500000.00")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void the_opening_and_closing_days_are_inside_the_window() {
        fixture.given(opened(Set.of(SME), MAX))
                .when(check(OPENING, Set.of(SME), true, BigDecimal.TEN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture = fixtureAt(CLOCK);
        fixture.given(opened(Set.of(SME), MAX))
                .when(check(CLOSING, Set.of(SME), true, BigDecimal.TEN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_submission_before_the_opening_date_is_refused_naming_the_window() {
        fixture.given(opened(Set.of(SME), MAX))
                .when(check(LocalDate.of(2027, 1, 9), Set.of(SME), true, BigDecimal.TEN))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("Call FUI-21 does not accept this application: submissions are accepted "
                        + "from 2027-01-10 to 2027-03-31 (Paris dates, inclusive); this application is dated 2027-01-09"));
    }

    @Test
    void a_submission_after_the_closing_date_is_refused_naming_the_window() {
        fixture.given(opened(Set.of(SME), MAX))
                .when(check(LocalDate.of(2027, 4, 1), Set.of(SME), true, BigDecimal.TEN))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("from 2027-01-10 to 2027-03-31 (Paris dates, inclusive); "
                        + "this application is dated 2027-04-01"));
    }

    @Test
    void an_extension_admits_later_submissions() {
        fixture.given(opened(Set.of(SME), MAX),
                        new CallClosingDateExtendedEvent(CALL, CLOSING, LocalDate.of(2027, 4, 15), "Late budget vote"))
                .when(check(LocalDate.of(2027, 4, 15), Set.of(SME), true, BigDecimal.TEN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void from_the_day_it_is_closed_early_a_call_refuses_submissions() {
        CallClosedEarlyEvent closed = new CallClosedEarlyEvent(CALL, LocalDate.of(2027, 2, 10), "Budget exhausted");
        fixture.given(opened(Set.of(SME), MAX), closed)
                .when(check(LocalDate.of(2027, 2, 10), Set.of(SME), true, BigDecimal.TEN))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("but the call was closed early on 2027-02-10 (Budget exhausted)"));
        fixture = fixtureAt(CLOCK);
        fixture.given(opened(Set.of(SME), MAX), closed)
                .when(check(LocalDate.of(2027, 2, 9), Set.of(SME), true, BigDecimal.TEN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_partner_kind_that_is_not_eligible_is_refused() {
        fixture.given(opened(Set.of(SME), MAX))
                .when(check(LocalDate.of(2027, 2, 1), Set.of(SME, LARGE_COMPANY), true, BigDecimal.TEN))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("partner kinds [LARGE_COMPANY] are not eligible (eligible: [SME])"));
    }

    @Test
    void a_call_requiring_the_label_refuses_an_unlabelled_project() {
        fixture.given(opened(Set.of(SME), MAX))
                .when(check(LocalDate.of(2027, 2, 1), Set.of(SME), false, BigDecimal.TEN))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("the project must hold the cluster's label"));
    }

    @Test
    void a_call_not_requiring_the_label_accepts_an_unlabelled_project() {
        fixture.given(new CallOpenedEvent(CALL, FUNDER, "FUI-21", "FUI call 21", OPENING, CLOSING, Set.of(SME), false, null))
                .when(check(LocalDate.of(2027, 2, 1), Set.of(SME), false, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_project_above_the_maximum_size_is_refused() {
        fixture.given(opened(Set.of(SME), MAX))
                .when(check(LocalDate.of(2027, 2, 1), Set.of(SME), true, new BigDecimal("1500000.01")))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("the total eligible cost of 1500000.01 euros exceeds the maximum of 1500000.00 euros"));
    }

    @Test
    void every_unmet_criterion_is_named_at_once() {
        fixture.given(opened(Set.of(SME), MAX))
                .when(check(LocalDate.of(2027, 5, 1), Set.of(LARGE_COMPANY, SME, RESEARCH_LAB), false, new BigDecimal("2000000")))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(allOf(containsString("this application is dated 2027-05-01"),
                        containsString("partner kinds [LARGE_COMPANY, RESEARCH_LAB] are not eligible"),
                        containsString("must hold the cluster's label"),
                        containsString("exceeds the maximum")));
    }

    @Test
    void the_total_eligible_cost_is_required_when_the_call_sets_a_maximum() {
        fixture.given(opened(Set.of(SME), MAX))
                .when(check(LocalDate.of(2027, 2, 1), Set.of(SME), true, null))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("totalEligibleCost is required: call FUI-21 accepts projects of at most 1500000.00 euros"));
    }

    @Test
    void a_check_without_partner_kinds_or_date_is_refused() {
        fixture.given(opened(Set.of(SME), MAX))
                .when(check(LocalDate.of(2027, 2, 1), Set.of(), true, BigDecimal.TEN))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("partnerKinds must not be empty"));
        fixture = fixtureAt(CLOCK);
        fixture.given(opened(Set.of(SME), MAX))
                .when(check(null, Set.of(SME), true, BigDecimal.TEN))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("submittedOn is required"));
    }

    @Test
    void a_cost_with_three_decimals_is_refused() {
        fixture.given(opened(Set.of(SME), MAX))
                .when(check(LocalDate.of(2027, 2, 1), Set.of(SME), true, new BigDecimal("10.001")))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("totalEligibleCost must be in euros with at most two decimals"));
    }

    @Test
    void an_unknown_call_cannot_be_checked() {
        fixture.givenNoPriorActivity()
                .when(check(LocalDate.of(2027, 2, 1), Set.of(SME), true, BigDecimal.TEN))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    // ------------------------------------------------------------------ helpers

    private static AggregateTestFixture<Call> fixtureAt(Clock clock) {
        AggregateTestFixture<Call> fixture = new AggregateTestFixture<>(Call.class);
        fixture.registerInjectableResource(clock);
        return fixture;
    }

    private static OpenCallCommand open(LocalDate opening, LocalDate closing, Set<OrganisationKind> kinds, BigDecimal max) {
        return new OpenCallCommand(CALL, FUNDER, "FUI-21", " FUI call 21 ", opening, closing, kinds, true, max);
    }

    private static CallOpenedEvent opened(Set<OrganisationKind> kinds, BigDecimal max) {
        return new CallOpenedEvent(CALL, FUNDER, "FUI-21", "FUI call 21", OPENING, CLOSING, kinds, true, max);
    }

    private static CheckCallEligibilityCommand check(LocalDate submittedOn, Set<OrganisationKind> kinds, boolean labelled,
                                                     BigDecimal cost) {
        return new CheckCallEligibilityCommand(CALL, submittedOn, kinds, labelled, cost);
    }
}

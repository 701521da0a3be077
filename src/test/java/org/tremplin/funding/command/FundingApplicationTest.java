package org.tremplin.funding.command;

import org.junit.jupiter.api.Test;
import org.tremplin.funding.api.FunderKind;
import org.tremplin.funding.api.FundingApplicationRejectedEvent;
import org.tremplin.funding.api.FundingGrantedEvent;
import org.tremplin.funding.api.FundingStage;
import org.tremplin.funding.api.FundingStageOverdueEvent;
import org.tremplin.funding.api.GrantedAid;
import org.tremplin.funding.api.OverdueStageChasedEvent;
import org.tremplin.funding.api.PartnerRequest;
import org.tremplin.funding.api.RecordChaseActionCommand;
import org.tremplin.funding.api.RecordFundingDecisionCommand;
import org.tremplin.funding.api.ReportOverdueStageCommand;
import org.tremplin.funding.api.SubmitFundingApplicationCommand;
import org.tremplin.organisation.api.OrganisationKind;

import java.math.BigDecimal;
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
 * The application itself: submission with the real rate table, the funder's decision, overdue stages.
 * Fixture: {@link FundingApplicationFixtures}.
 */
class FundingApplicationTest extends FundingApplicationFixtures {

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
                        containsString("The request of SIREN-111 (120,000.00 €) exceeds the maximum of 112,500.00 € = 45 % "
                                + "of eligible costs 250,000.00 € (FUI call 21)"),
                        containsString("The request of SIREN-333 (20,000.01 €) exceeds the maximum of 20,000.00 € = 25 % "
                                + "of eligible costs 80,000.01 € (FUI call 21)")));
    }

    @Test
    void a_partner_the_table_gives_no_rate_cannot_ask_anything() {
        fixture.givenNoPriorActivity()
                .when(submit(List.of(new PartnerRequest("ASSO-1", OrganisationKind.OTHER, true,
                        new BigDecimal("10000"), BigDecimal.ZERO, new BigDecimal("1")))))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("maximum of 0.00 € = 0 % of eligible costs 10,000.00 € "
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
                .expectExceptionMessage(containsString("The grant of 100,000.01 € to SIREN-111 exceeds its request of 100,000.00 €"));
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
}

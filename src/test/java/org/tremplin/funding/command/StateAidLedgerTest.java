package org.tremplin.funding.command;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tremplin.funding.api.EnterpriseSize;
import org.tremplin.funding.api.RecordStateAidCommand;
import org.tremplin.funding.api.ReleaseStateAidCommand;
import org.tremplin.funding.api.StateAidRecordedEvent;
import org.tremplin.funding.api.StateAidReleasedEvent;
import org.tremplin.funding.process.DmnFundingRules;

import java.math.BigDecimal;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.tremplin.funding.api.EnterpriseSize.LARGE;
import static org.tremplin.funding.api.EnterpriseSize.SMALL;
import static org.tremplin.funding.command.DomainExceptions.ofKind;
import static org.tremplin.shared.DomainException.Kind.FORBIDDEN;
import static org.tremplin.shared.DomainException.Kind.INVALID_INPUT;
import static org.tremplin.shared.DomainException.Kind.RULE_VIOLATED;

/**
 * The cross-funder state-aid ledger of one partner in one project, with the real ceiling table
 * ({@code bpmn/state-aid-ceiling.dmn}).
 */
class StateAidLedgerTest {

    private static final String PROJECT = "PRJ-1A2B3C";
    private static final String ORG = "SIREN-111";
    private static final String LEDGER = RecordStateAidCommand.ledgerId(PROJECT, ORG);
    private static final String APP_FUI = "APP-PRJ-1A2B3C-FUI-21";
    private static final String APP_REGION = "APP-PRJ-1A2B3C-AAP-ARA";
    private static final String FUI = "FUNDER-FUI";
    private static final String REGION = "FUNDER-REGION-ARA";

    /** The real ceiling table, parsed once. */
    private static final FundingRules RULES = new DmnFundingRules();

    private AggregateTestFixture<StateAidLedger> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(StateAidLedger.class);
        fixture.registerInjectableResource(RULES);
    }

    // ------------------------------------------------------------------ record

    @Test
    void a_first_grant_under_the_ceiling_is_recorded_with_the_ceiling_of_the_partners_size() {
        // small enterprise in effective collaboration: 80 % of 200,000 + 60 % of 50,000 = 190,000
        fixture.givenNoPriorActivity()
                .when(record(APP_FUI, FUI, SMALL, true, "200000", "50000", "90000", null, false))
                .expectSuccessfulHandlerExecution()
                .expectEvents(recorded(APP_FUI, FUI, SMALL, true, "200000.00", "50000.00", "80.00", "60.00",
                        "190000.00", "90000.00", "90000.00", false, null));
    }

    @Test
    void a_second_funder_adds_its_aid_and_the_ledger_keeps_the_highest_cost_of_each_category() {
        fixture.given(recorded(APP_FUI, FUI, SMALL, true, "200000.00", "50000.00", "80.00", "60.00",
                        "190000.00", "90000.00", "90000.00", false, null))
                .when(record(APP_REGION, REGION, SMALL, true, "150000", "80000", "50000", null, false))
                .expectSuccessfulHandlerExecution()
                // 80 % of 200,000 (kept) + 60 % of 80,000 (new, higher) = 208,000
                .expectEvents(recorded(APP_REGION, REGION, SMALL, true, "200000.00", "80000.00", "80.00", "60.00",
                        "208000.00", "50000.00", "140000.00", false, null));
    }

    @Test
    void the_ceiling_is_rounded_down_to_the_cent() {
        // 80 % of 100,000.01 + 60 % of 0.01 = 80,000.008 + 0.006 = 80,000.014 -> 80,000.01
        fixture.givenNoPriorActivity()
                .when(record(APP_FUI, FUI, SMALL, true, "100000.01", "0.01", "80000.01", null, false))
                .expectEvents(recorded(APP_FUI, FUI, SMALL, true, "100000.01", "0.01", "80.00", "60.00",
                        "80000.01", "80000.01", "80000.01", false, null));
        fixture.givenNoPriorActivity()
                .when(record(APP_FUI, FUI, SMALL, true, "100000.01", "0.01", "80000.02", null, false))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED));
    }

    @Test
    void a_total_above_the_ceiling_across_funders_is_refused_to_pole_staff_naming_total_ceiling_and_intensities() {
        // large enterprise, no collaboration: 50 % of 200,000 + 25 % of 100,000 = 125,000
        fixture.given(fuiLarge())
                .when(record(APP_REGION, REGION, LARGE, false, "200000", "100000", "40000", null, true))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(allOf(
                        containsString("Total public aid for SIREN-111 would reach 130,000.00 € across all funders, "
                                + "above the state-aid ceiling of 125,000.00 €"),
                        containsString("industrial research 50 % of 200,000.00 €, experimental development 25 % of 100,000.00 €"),
                        containsString("refuse, reduce the grant, or record a justification by pole staff")));
    }

    @Test
    void a_funders_user_is_refused_with_the_ceiling_but_never_the_total_that_reveals_the_other_funders_grants() {
        fixture.given(fuiLarge())
                .when(record(APP_REGION, REGION, LARGE, false, "200000", "100000", "40000", null, false))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(allOf(
                        containsString("A grant of 40,000.00 € to SIREN-111 would take its public aid across all funders "
                                + "above the state-aid ceiling of 125,000.00 €"),
                        containsString("ask pole staff to record a justification"),
                        org.hamcrest.Matchers.not(containsString("130000")),
                        org.hamcrest.Matchers.not(containsString("130,000"))));
        fixture.given(fuiLarge())
                .when(record(APP_REGION, REGION, LARGE, false, "200000", "100000", "40000", "Strategic project", false))
                .expectException(ofKind(FORBIDDEN))
                .expectExceptionMessage(allOf(org.hamcrest.Matchers.not(containsString("130000")),
                        org.hamcrest.Matchers.not(containsString("130,000"))));
    }

    @Test
    void a_justification_by_someone_other_than_pole_staff_is_forbidden() {
        fixture.given(fuiLarge())
                .when(record(APP_REGION, REGION, LARGE, false, "200000", "100000", "40000", "Strategic project", false))
                .expectNoEvents()
                .expectException(ofKind(FORBIDDEN))
                .expectExceptionMessage(containsString("only pole staff may justify"));
    }

    @Test
    void a_justification_by_pole_staff_accepts_the_aid_over_the_ceiling() {
        fixture.given(fuiLarge())
                .when(record(APP_REGION, REGION, LARGE, false, "200000", "100000", "40000",
                        "  Notified aid scheme SA.12345 applies  ", true))
                .expectSuccessfulHandlerExecution()
                .expectEvents(recorded(APP_REGION, REGION, LARGE, false, "200000.00", "100000.00", "50.00", "25.00",
                        "125000.00", "40000.00", "130000.00", true, "Notified aid scheme SA.12345 applies"));
    }

    @Test
    void under_the_ceiling_a_justification_is_ignored() {
        fixture.givenNoPriorActivity()
                .when(record(APP_FUI, FUI, LARGE, false, "200000", "100000", "90000", "not needed", true))
                .expectEvents(recorded(APP_FUI, FUI, LARGE, false, "200000.00", "100000.00", "50.00", "25.00",
                        "125000.00", "90000.00", "90000.00", false, null));
    }

    @Test
    void a_second_record_for_the_same_application_adds_to_its_aid() {
        fixture.given(fuiLarge())
                .when(record(APP_FUI, FUI, LARGE, false, "200000", "100000", "10000", null, false))
                .expectEvents(recorded(APP_FUI, FUI, LARGE, false, "200000.00", "100000.00", "50.00", "25.00",
                        "125000.00", "10000.00", "100000.00", false, null));
        fixture.given(fuiLarge(), recorded(APP_FUI, FUI, LARGE, false, "200000.00", "100000.00", "50.00", "25.00",
                        "125000.00", "10000.00", "100000.00", false, null))
                .when(new ReleaseStateAidCommand(LEDGER, APP_FUI, FUI, new BigDecimal("100000"), "Convention lapsed"))
                .expectEvents(released(APP_FUI, FUI, "100000.00", "0.00", "Convention lapsed"));
    }

    @Test
    void a_ledger_id_not_derived_from_project_and_partner_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new RecordStateAidCommand("AID-OTHER", PROJECT, ORG, APP_FUI, FUI, SMALL, true,
                        new BigDecimal("1000"), BigDecimal.ZERO, new BigDecimal("10"), null, false))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("ledgerId must be derived from the project and the partner: " + LEDGER));
    }

    @Test
    void costs_and_amounts_must_be_euros_with_eligible_costs_and_aid_above_zero() {
        fixture.givenNoPriorActivity()
                .when(record(APP_FUI, FUI, SMALL, true, "0", "0", "10", null, false))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("eligible costs"));
        fixture.givenNoPriorActivity()
                .when(record(APP_FUI, FUI, SMALL, true, "1000", "0", "0", null, false))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("amount must be more than 0"));
        fixture.givenNoPriorActivity()
                .when(record(APP_FUI, FUI, SMALL, true, "1000.001", "0", "10", null, false))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("industrialResearchCost must be in euros with at most two decimals"));
        fixture.givenNoPriorActivity()
                .when(new RecordStateAidCommand(LEDGER, PROJECT, ORG, APP_FUI, FUI, null, true,
                        new BigDecimal("1000"), BigDecimal.ZERO, new BigDecimal("10"), null, false))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("enterpriseSize is required"));
    }

    // ------------------------------------------------------------------ release

    @Test
    void released_aid_leaves_the_ledger_total() {
        fixture.given(fuiLarge())
                .when(new ReleaseStateAidCommand(LEDGER, APP_FUI, FUI, new BigDecimal("20000"), " Budget shift out "))
                .expectSuccessfulHandlerExecution()
                .expectEvents(released(APP_FUI, FUI, "20000.00", "70000.00", "Budget shift out"));
    }

    @Test
    void no_more_than_the_aid_recorded_for_the_application_is_released() {
        fixture.given(fuiLarge())
                .when(new ReleaseStateAidCommand(LEDGER, APP_FUI, FUI, new BigDecimal("90000.01"), "lapse"))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("only 90,000.00 € is recorded"));
        fixture.given(fuiLarge())
                .when(new ReleaseStateAidCommand(LEDGER, APP_REGION, REGION, new BigDecimal("1"), "lapse"))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("No aid of application " + APP_REGION));
    }

    @Test
    void a_release_needs_a_reason_and_a_positive_amount() {
        fixture.given(fuiLarge())
                .when(new ReleaseStateAidCommand(LEDGER, APP_FUI, FUI, new BigDecimal("10"), " "))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("reason is required"));
        fixture.given(fuiLarge())
                .when(new ReleaseStateAidCommand(LEDGER, APP_FUI, FUI, BigDecimal.ZERO, "lapse"))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("amount must be more than 0"));
    }

    @Test
    void nothing_is_released_from_a_ledger_that_does_not_exist() {
        fixture.givenNoPriorActivity()
                .when(new ReleaseStateAidCommand(LEDGER, APP_FUI, FUI, new BigDecimal("10"), "lapse"))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    // ------------------------------------------------------------------ helpers

    private static StateAidRecordedEvent fuiLarge() {
        return recorded(APP_FUI, FUI, LARGE, false, "200000.00", "100000.00", "50.00", "25.00", "125000.00",
                "90000.00", "90000.00", false, null);
    }

    private static RecordStateAidCommand record(String applicationId, String funderId, EnterpriseSize size,
            boolean collaboration, String ir, String ed, String amount, String justification, boolean authorised) {
        return new RecordStateAidCommand(LEDGER, PROJECT, ORG, applicationId, funderId, size, collaboration,
                new BigDecimal(ir), new BigDecimal(ed), new BigDecimal(amount), justification, authorised);
    }

    private static StateAidRecordedEvent recorded(String applicationId, String funderId, EnterpriseSize size,
            boolean collaboration, String ir, String ed, String irCeiling, String edCeiling, String ceiling,
            String amount, String total, boolean over, String justification) {
        return new StateAidRecordedEvent(LEDGER, PROJECT, ORG, applicationId, funderId, size, collaboration,
                new BigDecimal(ir), new BigDecimal(ed), new BigDecimal(irCeiling), new BigDecimal(edCeiling),
                new BigDecimal(ceiling), new BigDecimal(amount), new BigDecimal(total), over, justification);
    }

    private static StateAidReleasedEvent released(String applicationId, String funderId, String amount, String total,
            String reason) {
        return new StateAidReleasedEvent(LEDGER, PROJECT, ORG, applicationId, funderId, new BigDecimal(amount),
                new BigDecimal(total), reason);
    }
}

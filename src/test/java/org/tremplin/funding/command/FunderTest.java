package org.tremplin.funding.command;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tremplin.funding.api.AddFunderUserCommand;
import org.tremplin.funding.api.ChangePooledFundContributorsCommand;
import org.tremplin.funding.api.ChangeServiceLevelsCommand;
import org.tremplin.funding.api.FunderKind;
import org.tremplin.funding.api.FunderRegisteredEvent;
import org.tremplin.funding.api.FunderUserAddedEvent;
import org.tremplin.funding.api.FundingStage;
import org.tremplin.funding.api.PooledFundContributor;
import org.tremplin.funding.api.PooledFundContributorsChangedEvent;
import org.tremplin.funding.api.RegisterFunderCommand;
import org.tremplin.funding.api.ServiceLevelsChangedEvent;
import org.tremplin.shared.DomainException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.tremplin.funding.api.FundingStage.CONVENTION_TO_FIRST_PAYMENT;
import static org.tremplin.funding.api.FundingStage.DECISION_TO_CONVENTION;
import static org.tremplin.funding.api.FundingStage.FIRST_PAYMENT_TO_BALANCE;
import static org.tremplin.funding.api.FundingStage.SUBMISSION_TO_DECISION;
import static org.tremplin.funding.command.DomainExceptions.ofKind;
import static org.tremplin.shared.DomainException.Kind.CONFLICT;
import static org.tremplin.shared.DomainException.Kind.INVALID_INPUT;
import static org.tremplin.shared.DomainException.Kind.RULE_VIOLATED;

class FunderTest {

    private static final String FUI = "FUNDER-FUI";
    private static final String POOLED = "FUNDER-FONDS-ARA";
    private static final String REGION = "FUNDER-REGION-ARA";

    private static final Map<FundingStage, Integer> LEVELS = levels(120, 60, 30, 365);

    private AggregateTestFixture<Funder> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Funder.class);
    }

    // ------------------------------------------------------------------ register

    @Test
    void the_fui_registers_with_the_default_contracting_deadline_of_six_months() {
        fixture.givenNoPriorActivity()
                .when(fui(null, LEVELS))
                .expectSuccessfulHandlerExecution()
                .expectEvents(fuiRegistered());
    }

    @Test
    void a_funder_registers_with_its_own_contracting_deadline_and_a_trimmed_name() {
        fixture.givenNoPriorActivity()
                .when(new RegisterFunderCommand("FUNDER-BPI", "BPI", "  Bpifrance  ", FunderKind.BPIFRANCE, 9, LEVELS, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new FunderRegisteredEvent("FUNDER-BPI", "BPI", "Bpifrance", FunderKind.BPIFRANCE, 9, LEVELS,
                        List.of()));
    }

    @Test
    void a_pooled_fund_registers_with_contributors_whose_shares_sum_to_one_hundred() {
        fixture.givenNoPriorActivity()
                .when(pooled(List.of(share(REGION, "50"), share(" Département de l'Isère ", "30"),
                        share("Ville de Grenoble", "20.0"))))
                .expectSuccessfulHandlerExecution()
                .expectEvents(pooledRegistered(List.of(share(REGION, "50.00"), share("Département de l'Isère", "30.00"),
                        share("Ville de Grenoble", "20.00"))));
    }

    @Test
    void shares_with_cents_of_a_percent_may_sum_to_exactly_one_hundred() {
        fixture.givenNoPriorActivity()
                .when(pooled(List.of(share("A", "33.33"), share("B", "33.33"), share("C", "33.34"))))
                .expectSuccessfulHandlerExecution()
                .expectEvents(pooledRegistered(List.of(share("A", "33.33"), share("B", "33.33"), share("C", "33.34"))));
    }

    @Test
    void shares_that_do_not_sum_to_one_hundred_are_refused() {
        fixture.givenNoPriorActivity()
                .when(pooled(List.of(share(REGION, "50"), share("Département de l'Isère", "30"),
                        share("Ville de Grenoble", "19.99"))))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("must sum to exactly 100% (got 99.99%)"));
    }

    @Test
    void shares_above_one_hundred_in_total_are_refused() {
        fixture.givenNoPriorActivity()
                .when(pooled(List.of(share("A", "60"), share("B", "50"))))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("(got 110.00%)"));
    }

    @Test
    void a_pooled_fund_without_contributors_is_refused() {
        fixture.givenNoPriorActivity()
                .when(pooled(null))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("at least 2 contributors (got 0)"));
    }

    @Test
    void a_pooled_fund_of_a_single_contributor_is_refused() {
        fixture.givenNoPriorActivity()
                .when(pooled(List.of(share(REGION, "100"))))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("at least 2 contributors (got 1)"));
    }

    @Test
    void a_funder_other_than_a_pooled_fund_may_not_declare_contributors() {
        fixture.givenNoPriorActivity()
                .when(new RegisterFunderCommand(FUI, "FUI", "Fonds unique interministériel", FunderKind.STATE_FUI, null,
                        LEVELS, List.of(share(REGION, "50"), share("Ville de Grenoble", "50"))))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("a STATE_FUI funder must declare none (got 2)"));
    }

    @Test
    void the_same_contributor_listed_twice_is_refused_whatever_its_case() {
        fixture.givenNoPriorActivity()
                .when(pooled(List.of(share("Ville de Grenoble", "50"), share("VILLE DE GRENOBLE", "50"))))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("contributor VILLE DE GRENOBLE is listed twice"));
    }

    @Test
    void a_pooled_fund_cannot_contribute_to_itself() {
        fixture.givenNoPriorActivity()
                .when(pooled(List.of(share(POOLED, "50"), share("Ville de Grenoble", "50"))))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("cannot contribute to itself"));
    }

    @Test
    void a_share_with_three_decimals_is_refused() {
        fixture.givenNoPriorActivity()
                .when(pooled(List.of(share("A", "50.005"), share("B", "49.995"))))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("sharePercent of A must be a percentage with at most two decimals"));
    }

    @Test
    void a_zero_share_is_refused() {
        fixture.givenNoPriorActivity()
                .when(pooled(List.of(share("A", "100"), share("B", "0"))))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("sharePercent of B must be more than 0 and at most 100 (got 0)"));
    }

    @Test
    void a_negative_share_is_refused() {
        fixture.givenNoPriorActivity()
                .when(pooled(List.of(share("A", "110"), share("B", "-10"))))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("sharePercent of A must be more than 0 and at most 100 (got 110)"));
    }

    @Test
    void a_contributor_without_a_share_is_refused() {
        fixture.givenNoPriorActivity()
                .when(pooled(List.of(share("A", "100"), new PooledFundContributor("B", null))))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("sharePercent of B is required"));
    }

    @Test
    void a_blank_contributor_is_refused() {
        fixture.givenNoPriorActivity()
                .when(pooled(List.of(share("A", "50"), share(" ", "50"))))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("contributor is required"));
    }

    @Test
    void a_funder_cannot_be_registered_twice_under_the_same_code() {
        fixture.given(fuiRegistered())
                .when(fui(null, LEVELS))
                .expectNoEvents()
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString("A funder with code FUI is already registered (Fonds unique interministériel)"));
    }

    @Test
    void the_funder_id_must_be_derived_from_the_code() {
        fixture.givenNoPriorActivity()
                .when(new RegisterFunderCommand("FUI", "FUI", "Fonds unique interministériel", FunderKind.STATE_FUI, null,
                        LEVELS, null))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("funderId must be derived from the code: FUNDER-FUI"));
    }

    @Test
    void a_code_in_lower_case_or_with_spaces_inside_is_refused() {
        for (String code : List.of("fui", "REGION ARA", "REGION--ARA", "-FUI")) {
            fixture = new AggregateTestFixture<>(Funder.class);
            fixture.givenNoPriorActivity()
                    .when(new RegisterFunderCommand(RegisterFunderCommand.funderId(code), code, "Somebody",
                            FunderKind.REGION, null, LEVELS, null))
                    .expectNoEvents()
                    .expectException(ofKind(INVALID_INPUT))
                    .expectExceptionMessage(containsString("code must be capital letters and digits"));
        }
    }

    @Test
    void a_funder_without_a_kind_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterFunderCommand(FUI, "FUI", "Fonds unique interministériel", null, null, LEVELS, null))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("kind is required"));
    }

    @Test
    void a_blank_name_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterFunderCommand(FUI, "FUI", " ", FunderKind.STATE_FUI, null, LEVELS, null))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("name is required"));
    }

    @Test
    void a_contracting_deadline_outside_one_to_sixty_months_is_refused() {
        for (int months : new int[] {0, -6, 61}) {
            fixture = new AggregateTestFixture<>(Funder.class);
            fixture.givenNoPriorActivity()
                    .when(fui(months, LEVELS))
                    .expectNoEvents()
                    .expectException(ofKind(INVALID_INPUT))
                    .expectExceptionMessage(containsString("contractingDeadlineMonths must be between 1 and 60 (got " + months + ")"));
        }
    }

    @Test
    void service_levels_must_cover_every_stage() {
        Map<FundingStage, Integer> partial = new EnumMap<>(FundingStage.class);
        partial.put(SUBMISSION_TO_DECISION, 120);
        partial.put(CONVENTION_TO_FIRST_PAYMENT, 30);
        fixture.givenNoPriorActivity()
                .when(fui(null, partial))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("missing: DECISION_TO_CONVENTION, FIRST_PAYMENT_TO_BALANCE"));
    }

    @Test
    void a_funder_without_service_levels_is_refused() {
        fixture.givenNoPriorActivity()
                .when(fui(null, null))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("serviceLevelDays must give a number of days for every stage"));
    }

    @Test
    void a_service_level_of_zero_days_is_refused() {
        fixture.givenNoPriorActivity()
                .when(fui(null, levels(120, 0, 30, 365)))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("serviceLevelDays of DECISION_TO_CONVENTION must be between 1 and 3650 days (got 0)"));
    }

    @Test
    void a_stage_without_its_days_is_refused() {
        Map<FundingStage, Integer> withNull = new HashMap<>(LEVELS);
        withNull.put(FIRST_PAYMENT_TO_BALANCE, null);
        fixture.givenNoPriorActivity()
                .when(fui(null, withNull))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("serviceLevelDays of FIRST_PAYMENT_TO_BALANCE is required"));
    }

    // ------------------------------------------------------------------ service levels

    @Test
    void service_levels_and_the_contracting_deadline_are_changed() {
        fixture.given(fuiRegistered())
                .when(new ChangeServiceLevelsCommand(FUI, 8, levels(90, 45, 30, 300)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ServiceLevelsChangedEvent(FUI, 8, levels(90, 45, 30, 300)));
    }

    @Test
    void a_change_without_a_contracting_deadline_keeps_the_current_one() {
        fixture.given(fuiRegistered(), new ServiceLevelsChangedEvent(FUI, 8, LEVELS))
                .when(new ChangeServiceLevelsCommand(FUI, null, levels(90, 45, 30, 300)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ServiceLevelsChangedEvent(FUI, 8, levels(90, 45, 30, 300)));
    }

    @Test
    void a_change_to_the_same_service_levels_records_nothing() {
        fixture.given(fuiRegistered())
                .when(new ChangeServiceLevelsCommand(FUI, 6, levels(120, 60, 30, 365)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_change_missing_a_stage_is_refused() {
        Map<FundingStage, Integer> partial = new EnumMap<>(LEVELS);
        partial.remove(SUBMISSION_TO_DECISION);
        fixture.given(fuiRegistered())
                .when(new ChangeServiceLevelsCommand(FUI, null, partial))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("missing: SUBMISSION_TO_DECISION"));
    }

    @Test
    void a_change_to_a_contracting_deadline_of_zero_months_is_refused() {
        fixture.given(fuiRegistered())
                .when(new ChangeServiceLevelsCommand(FUI, 0, LEVELS))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("contractingDeadlineMonths must be between 1 and 60 (got 0)"));
    }

    // ------------------------------------------------------------------ pooled fund contributors

    @Test
    void a_pooled_fund_changes_its_contributors() {
        fixture.given(pooledRegistered(List.of(share(REGION, "50.00"), share("Ville de Grenoble", "50.00"))))
                .when(new ChangePooledFundContributorsCommand(POOLED, List.of(share(REGION, "40"),
                        share("Ville de Grenoble", "35"), share("Grenoble-Alpes Métropole", "25"))))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new PooledFundContributorsChangedEvent(POOLED, List.of(share(REGION, "40.00"),
                        share("Ville de Grenoble", "35.00"), share("Grenoble-Alpes Métropole", "25.00"))));
    }

    @Test
    void the_same_contributors_again_record_nothing() {
        fixture.given(pooledRegistered(List.of(share(REGION, "50.00"), share("Ville de Grenoble", "50.00"))))
                .when(new ChangePooledFundContributorsCommand(POOLED, List.of(share(REGION, "50"),
                        share("Ville de Grenoble", "50.0"))))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void changed_contributors_must_still_sum_to_one_hundred() {
        fixture.given(pooledRegistered(List.of(share(REGION, "50.00"), share("Ville de Grenoble", "50.00"))))
                .when(new ChangePooledFundContributorsCommand(POOLED, List.of(share(REGION, "50"),
                        share("Ville de Grenoble", "40"))))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("(got 90.00%)"));
    }

    @Test
    void only_a_pooled_fund_changes_contributors() {
        fixture.given(fuiRegistered())
                .when(new ChangePooledFundContributorsCommand(FUI, List.of(share(REGION, "50"), share("Ville de Grenoble", "50"))))
                .expectNoEvents()
                .expectException(ofKind(RULE_VIOLATED))
                .expectExceptionMessage(containsString("only a pooled fund has contributors"));
    }

    // ------------------------------------------------------------------ users

    @Test
    void a_user_is_added_to_the_funder() {
        fixture.given(fuiRegistered())
                .when(new AddFunderUserCommand(FUI, " fanny "))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new FunderUserAddedEvent(FUI, "fanny"));
    }

    @Test
    void the_same_user_cannot_be_added_twice() {
        fixture.given(fuiRegistered(), new FunderUserAddedEvent(FUI, "fanny"))
                .when(new AddFunderUserCommand(FUI, "fanny"))
                .expectNoEvents()
                .expectException(ofKind(CONFLICT))
                .expectExceptionMessage(containsString("User fanny already acts for Fonds unique interministériel"));
    }

    @Test
    void a_user_id_with_forbidden_characters_is_refused() {
        fixture.given(fuiRegistered())
                .when(new AddFunderUserCommand(FUI, "fanny ardant"))
                .expectNoEvents()
                .expectException(ofKind(INVALID_INPUT))
                .expectExceptionMessage(containsString("userId may contain only letters, digits"));
    }

    // ------------------------------------------------------------------ helpers

    private static RegisterFunderCommand fui(Integer months, Map<FundingStage, Integer> levels) {
        return new RegisterFunderCommand(FUI, "FUI", "Fonds unique interministériel", FunderKind.STATE_FUI, months, levels, null);
    }

    private static FunderRegisteredEvent fuiRegistered() {
        return new FunderRegisteredEvent(FUI, "FUI", "Fonds unique interministériel", FunderKind.STATE_FUI, 6, LEVELS, List.of());
    }

    private static RegisterFunderCommand pooled(List<PooledFundContributor> contributors) {
        return new RegisterFunderCommand(POOLED, "FONDS-ARA", "Fonds régional unique", FunderKind.POOLED_FUND, null, LEVELS,
                contributors == null ? null : new ArrayList<>(contributors));
    }

    private static FunderRegisteredEvent pooledRegistered(List<PooledFundContributor> contributors) {
        return new FunderRegisteredEvent(POOLED, "FONDS-ARA", "Fonds régional unique", FunderKind.POOLED_FUND, 6, LEVELS,
                contributors);
    }

    private static PooledFundContributor share(String contributor, String percent) {
        return new PooledFundContributor(contributor, new BigDecimal(percent));
    }

    static Map<FundingStage, Integer> levels(int decision, int convention, int firstPayment, int balance) {
        Map<FundingStage, Integer> levels = new EnumMap<>(FundingStage.class);
        levels.put(SUBMISSION_TO_DECISION, decision);
        levels.put(DECISION_TO_CONVENTION, convention);
        levels.put(CONVENTION_TO_FIRST_PAYMENT, firstPayment);
        levels.put(FIRST_PAYMENT_TO_BALANCE, balance);
        return levels;
    }
}

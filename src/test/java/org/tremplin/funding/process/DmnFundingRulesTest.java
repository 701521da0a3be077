package org.tremplin.funding.process;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tremplin.funding.api.EnterpriseSize;
import org.tremplin.funding.api.FunderKind;
import org.tremplin.funding.command.FundingRules;
import org.tremplin.funding.command.FundingRules.Ceiling;
import org.tremplin.funding.command.FundingRules.Rate;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tremplin.organisation.api.OrganisationKind.LARGE_COMPANY;
import static org.tremplin.organisation.api.OrganisationKind.MID_SIZE_COMPANY;
import static org.tremplin.organisation.api.OrganisationKind.OTHER;
import static org.tremplin.organisation.api.OrganisationKind.RESEARCH_LAB;
import static org.tremplin.organisation.api.OrganisationKind.SME;

/**
 * The {@link FundingRules} port answered by the real decision tables through {@link DmnFundingRules}: the mapping of
 * the domain's enums to the tables' values, and percentages as {@code BigDecimal} with two decimals.
 */
class DmnFundingRulesTest {

    private static FundingRules rules;

    @BeforeAll
    static void parseTheTables() {
        rules = new DmnFundingRules();
    }

    @Test
    void the_state_fui_is_the_tables_fui_and_gets_the_published_rates_of_call_21() {
        assertThat(rules.rate(FunderKind.STATE_FUI, "FUI-21", SME, false, true))
                .isEqualTo(new Rate(new BigDecimal("45.00"), "FUI call 21"));
        assertThat(rules.rate(FunderKind.STATE_FUI, "FUI-21", MID_SIZE_COMPANY, true, true))
                .isEqualTo(new Rate(new BigDecimal("30.00"), "FUI call 21"));
        assertThat(rules.rate(FunderKind.STATE_FUI, "FUI-21", LARGE_COMPANY, true, true))
                .isEqualTo(new Rate(new BigDecimal("25.00"), "FUI call 21"));
    }

    @Test
    void a_research_lab_is_rated_on_its_full_cost() {
        assertThat(rules.rate(FunderKind.STATE_FUI, "FUI-21", RESEARCH_LAB, true, true))
                .isEqualTo(new Rate(new BigDecimal("40.00"), "FUI call 21"));
        assertThat(rules.rate(FunderKind.ANR, "ANR-PRCE", RESEARCH_LAB, true, true))
                .isEqualTo(new Rate(new BigDecimal("40.00"), FundingDecisions.Rates.Sources.ASSUMPTION));
    }

    @Test
    void the_label_matters_for_pspc_regions_whichever_funder_pays() {
        assertThat(rules.rate(FunderKind.POOLED_FUND, "PSPC-REGIONS", SME, true, true))
                .isEqualTo(new Rate(new BigDecimal("50.00"), "PSPC-Régions, with the cluster label"));
        assertThat(rules.rate(FunderKind.BPIFRANCE, "PSPC-REGIONS", SME, true, false))
                .isEqualTo(new Rate(new BigDecimal("35.00"), "PSPC-Régions, without the cluster label"));
    }

    @Test
    void a_partner_no_row_covers_gets_zero_not_eligible() {
        assertThat(rules.rate(FunderKind.STATE_FUI, "FUI-21", OTHER, true, true))
                .isEqualTo(new Rate(new BigDecimal("0.00"), FundingDecisions.Rates.Sources.NOT_ELIGIBLE));
    }

    @ParameterizedTest
    @EnumSource(FunderKind.class)
    void every_funder_kind_is_known_to_the_table(FunderKind kind) {
        // an SME always has a row of its own (published or default), never the catch-all
        assertThat(rules.rate(kind, "ANY-CALL", SME, true, true).percent()).isEqualByComparingTo("35");
    }

    @Test
    void the_ceiling_of_a_small_enterprise_in_effective_collaboration_is_80_and_60() {
        Ceiling ceiling = rules.ceiling(EnterpriseSize.SMALL, true);

        assertThat(ceiling.industrialResearchPercent()).isEqualTo(new BigDecimal("80.00"));
        assertThat(ceiling.experimentalDevelopmentPercent()).isEqualTo(new BigDecimal("60.00"));
        assertThat(ceiling.note()).contains("GBER");
    }

    @Test
    void the_ceiling_of_a_large_enterprise_alone_is_the_base_intensity() {
        assertThat(rules.ceiling(EnterpriseSize.LARGE, false))
                .extracting(Ceiling::industrialResearchPercent, Ceiling::experimentalDevelopmentPercent)
                .containsExactly(new BigDecimal("50.00"), new BigDecimal("25.00"));
        assertThat(rules.ceiling(EnterpriseSize.MEDIUM, true))
                .extracting(Ceiling::industrialResearchPercent, Ceiling::experimentalDevelopmentPercent)
                .containsExactly(new BigDecimal("75.00"), new BigDecimal("50.00"));
    }

    @Test
    void a_research_organisation_is_outside_state_aid_up_to_100() {
        Ceiling ceiling = rules.ceiling(EnterpriseSize.RESEARCH_ORGANISATION, false);

        assertThat(ceiling.industrialResearchPercent()).isEqualTo(new BigDecimal("100.00"));
        assertThat(ceiling.experimentalDevelopmentPercent()).isEqualTo(new BigDecimal("100.00"));
        assertThat(ceiling.note()).contains("not state aid");
    }
}

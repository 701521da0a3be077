package org.tremplin.funding.process;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tremplin.funding.process.FundingDecisions.Ceiling.EnterpriseSizes.LARGE;
import static org.tremplin.funding.process.FundingDecisions.Ceiling.EnterpriseSizes.RESEARCH_ORGANISATION;
import static org.tremplin.funding.process.FundingDecisions.Ceiling.EnterpriseSizes.SMALL;
import static org.tremplin.funding.process.FundingDecisions.Ceiling.Outputs.BASE_INTENSITY;
import static org.tremplin.funding.process.FundingDecisions.Ceiling.Outputs.CAP;
import static org.tremplin.funding.process.FundingDecisions.Ceiling.Outputs.CEILING;
import static org.tremplin.funding.process.FundingDecisions.Ceiling.Outputs.COLLABORATION_BONUS;
import static org.tremplin.funding.process.FundingDecisions.Ceiling.Outputs.NOTE;
import static org.tremplin.funding.process.FundingDecisions.Ceiling.Outputs.SIZE_BONUS;
import static org.tremplin.funding.process.FundingDecisions.Ceiling.ResearchCategories.INDUSTRIAL_RESEARCH;
import static org.tremplin.funding.process.FundingRatesDmnTest.constants;

/**
 * {@code bpmn/state-aid-ceiling.dmn} evaluated by the Camunda DMN engine alone (no Spring): the top decision
 * {@code state_aid_ceiling} with its three required decisions, for every research category, enterprise size and
 * collaboration, reading every output.
 */
class StateAidCeilingDmnTest {

    private static DmnEngine engine;
    private static DmnDecision decision;
    private static DmnModelInstance model;

    /** All the outputs of the top decision for one partner. */
    record Ceiling(Object baseIntensity, Object sizeBonus, Object collaborationBonus, Object cap, Object ceiling) {
    }

    @BeforeAll
    static void parseTheDecisions() throws IOException {
        engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        try (InputStream in = resource()) {
            decision = engine.parseDecision(FundingDecisions.Ceiling.KEY, in);
        }
        try (InputStream in = resource()) {
            model = Dmn.readModelFromStream(in);
        }
    }

    @ParameterizedTest(name = "{0}, {1}, collaboration {2}: {3} + {4} + {5} -> {6} %")
    @CsvSource(textBlock = """
            INDUSTRIAL_RESEARCH,      SMALL,  true,  50, 20, 15, 80
            INDUSTRIAL_RESEARCH,      SMALL,  false, 50, 20,  0, 70
            INDUSTRIAL_RESEARCH,      MEDIUM, true,  50, 10, 15, 75
            INDUSTRIAL_RESEARCH,      MEDIUM, false, 50, 10,  0, 60
            INDUSTRIAL_RESEARCH,      LARGE,  true,  50,  0, 15, 65
            INDUSTRIAL_RESEARCH,      LARGE,  false, 50,  0,  0, 50
            EXPERIMENTAL_DEVELOPMENT, SMALL,  true,  25, 20, 15, 60
            EXPERIMENTAL_DEVELOPMENT, SMALL,  false, 25, 20,  0, 45
            EXPERIMENTAL_DEVELOPMENT, MEDIUM, true,  25, 10, 15, 50
            EXPERIMENTAL_DEVELOPMENT, MEDIUM, false, 25, 10,  0, 35
            EXPERIMENTAL_DEVELOPMENT, LARGE,  true,  25,  0, 15, 40
            EXPERIMENTAL_DEVELOPMENT, LARGE,  false, 25,  0,  0, 25
            """)
    void an_undertakings_ceiling_is_its_base_intensity_plus_its_size_and_collaboration_bonuses_at_most_80(
            String researchCategory, String enterpriseSize, boolean effectiveCollaboration, double base,
            double sizeBonus, double collaborationBonus, double ceiling) {
        // given an undertaking of a category and size, collaborating effectively or not
        // when the top decision is evaluated
        DmnDecisionResultEntries result = evaluate(researchCategory, enterpriseSize, effectiveCollaboration);

        // then every component is returned, with the cap and the capped ceiling
        assertThat(ceilingOf(result)).isEqualTo(new Ceiling(base, sizeBonus, collaborationBonus, 80.0, ceiling));
        assertThat((String) result.getEntry(NOTE)).startsWith("GBER (Reg. 651/2014) art. 25");
    }

    @Test
    void a_small_enterprise_collaborating_in_industrial_research_is_capped_at_80_not_85() {
        // given a small enterprise doing industrial research in effective collaboration
        // when the top decision is evaluated
        DmnDecisionResultEntries result = evaluate(INDUSTRIAL_RESEARCH, SMALL, true);

        // then 50 + 20 + 15 = 85 is capped at 80, the only combination the cap bites
        Ceiling ceiling = ceilingOf(result);
        assertThat((Double) ceiling.baseIntensity() + (Double) ceiling.sizeBonus()
                + (Double) ceiling.collaborationBonus()).isEqualTo(85.0);
        assertThat(ceiling.cap()).isEqualTo(80.0);
        assertThat(ceiling.ceiling()).isEqualTo(80.0);
    }

    @ParameterizedTest(name = "{0}, collaboration {1}")
    @CsvSource(textBlock = """
            INDUSTRIAL_RESEARCH,      true,  50
            INDUSTRIAL_RESEARCH,      false, 50
            EXPERIMENTAL_DEVELOPMENT, true,  25
            EXPERIMENTAL_DEVELOPMENT, false, 25
            """)
    void a_research_organisation_in_its_non_economic_activity_is_outside_state_aid_with_a_ceiling_of_100(
            String researchCategory, boolean effectiveCollaboration, double base) {
        // given a research organisation, whatever its category and collaboration
        // when the top decision is evaluated
        DmnDecisionResultEntries result = evaluate(researchCategory, RESEARCH_ORGANISATION, effectiveCollaboration);

        // then no bonus applies, the ceiling is 100 % and the note says why
        assertThat(ceilingOf(result)).isEqualTo(new Ceiling(base, 0.0, 0.0, 100.0, 100.0));
        assertThat((String) result.getEntry(NOTE)).contains("Research organisation", "not state aid");
    }

    @Test
    void without_evidence_of_effective_collaboration_there_is_no_collaboration_bonus() {
        // given a large enterprise in industrial research whose collaboration is not known
        // when the top decision is evaluated
        DmnDecisionResultEntries result = evaluate(INDUSTRIAL_RESEARCH, LARGE, null);

        // then no collaboration bonus is granted
        assertThat(ceilingOf(result)).isEqualTo(new Ceiling(50.0, 0.0, 0.0, 80.0, 50.0));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"unknown size", "unknown category", "missing size", "missing category"})
    void an_unknown_or_missing_category_or_size_gives_no_ceiling_rather_than_a_wrong_one(String what) {
        // given a partner whose research category or size is not one the regulation knows
        String category = what.endsWith("category") ? (what.startsWith("unknown") ? "FUNDAMENTAL_RESEARCH" : null)
                : INDUSTRIAL_RESEARCH;
        String size = what.endsWith("size") ? (what.startsWith("unknown") ? "MICRO" : null) : SMALL;

        // when the top decision is evaluated
        DmnDecisionResult result = engine.evaluateDecision(decision, variables(category, size, true));

        // then it gives no result
        assertThat(result.getResultList()).isEmpty();
    }

    @Test
    void the_ceiling_requires_the_base_intensity_the_size_bonus_and_the_collaboration_bonus_decisions() {
        // given the parsed top decision
        // when its required decisions are read
        List<String> required = decision.getRequiredDecisions().stream().map(DmnDecision::getKey).toList();

        // then they are the three component decisions of FundingDecisions.Ceiling
        assertThat(decision.getKey()).isEqualTo(FundingDecisions.Ceiling.KEY);
        assertThat(required).containsExactlyInAnyOrderElementsOf(
                constantsOf(FundingDecisions.Ceiling.RequiredDecisions.class));
        assertThat(decision.getRequiredDecisions()).allSatisfy(d -> assertThat(d.getRequiredDecisions()).isEmpty());
    }

    @Test
    void the_decisions_read_and_write_the_names_and_values_of_funding_decisions_and_every_rule_is_annotated() {
        // given every decision table of the model
        Set<String> inputs = new LinkedHashSet<>();
        Set<String> topOutputs = new LinkedHashSet<>();
        Set<String> entries = new LinkedHashSet<>();
        for (Decision d : model.getModelElementsByType(Decision.class)) {
            DecisionTable table = (DecisionTable) d.getExpression();
            // when their inputs, outputs and input entries are read
            table.getInputs().stream().map(Input::getInputExpression)
                    .forEach(e -> inputs.add(e.getText().getTextContent()));
            if (d.getId().equals(FundingDecisions.Ceiling.KEY)) {
                table.getOutputs().stream().map(Output::getName).forEach(topOutputs::add);
            }
            for (Rule rule : table.getRules()) {
                // then every rule is annotated
                assertThat(rule.getDescription()).as("annotation of %s", rule.getId()).isNotNull();
                assertThat(rule.getDescription().getTextContent()).as("annotation of %s", rule.getId()).isNotBlank();
                rule.getInputEntries().forEach(e -> entries.add(e.getText().getTextContent()));
            }
        }

        // and the names are those of FundingDecisions.Ceiling
        assertThat(inputs).containsExactlyInAnyOrderElementsOf(constantsOf(FundingDecisions.Ceiling.Inputs.class));
        assertThat(topOutputs).containsExactlyElementsOf(constantsOf(FundingDecisions.Ceiling.Outputs.class));
        for (String value : constantsOf(FundingDecisions.Ceiling.ResearchCategories.class)) {
            assertThat(entries).anyMatch(e -> e.contains('"' + value + '"'));
        }
        for (String value : constantsOf(FundingDecisions.Ceiling.EnterpriseSizes.class)) {
            assertThat(entries).anyMatch(e -> e.contains('"' + value + '"'));
        }
        assertThat(model.getModelElementsByType(Decision.class)).extracting(Decision::getId)
                .containsExactlyInAnyOrder(FundingDecisions.Ceiling.KEY,
                        FundingDecisions.Ceiling.RequiredDecisions.BASE_INTENSITY,
                        FundingDecisions.Ceiling.RequiredDecisions.SIZE_BONUS,
                        FundingDecisions.Ceiling.RequiredDecisions.COLLABORATION_BONUS);
    }

    // ---------------------------------------------------------------- helpers

    private static DmnDecisionResultEntries evaluate(String researchCategory, String enterpriseSize,
            Boolean effectiveCollaboration) {
        DmnDecisionResult result = engine.evaluateDecision(decision,
                variables(researchCategory, enterpriseSize, effectiveCollaboration));
        assertThat(result.getResultList()).as("results for %s %s %s", researchCategory, enterpriseSize,
                effectiveCollaboration).hasSize(1);
        return result.getSingleResult();
    }

    private static VariableMap variables(String researchCategory, String enterpriseSize, Boolean effectiveCollaboration) {
        return Variables.createVariables()
                .putValue(FundingDecisions.Ceiling.Inputs.RESEARCH_CATEGORY, researchCategory)
                .putValue(FundingDecisions.Ceiling.Inputs.ENTERPRISE_SIZE, enterpriseSize)
                .putValue(FundingDecisions.Ceiling.Inputs.EFFECTIVE_COLLABORATION, effectiveCollaboration);
    }

    private static Ceiling ceilingOf(DmnDecisionResultEntries result) {
        return new Ceiling(result.getEntry(BASE_INTENSITY), result.getEntry(SIZE_BONUS),
                result.getEntry(COLLABORATION_BONUS), result.getEntry(CAP), result.getEntry(CEILING));
    }

    private static List<String> constantsOf(Class<?> type) {
        try {
            return constants(type);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputStream resource() throws IOException {
        InputStream in = StateAidCeilingDmnTest.class.getClassLoader()
                .getResourceAsStream(FundingDecisions.Ceiling.RESOURCE);
        if (in == null) {
            throw new IOException("not on the classpath: " + FundingDecisions.Ceiling.RESOURCE);
        }
        return in;
    }
}

package org.tremplin.funding.process;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.tremplin.funding.process.FundingDecisions.Rates.CallCodes.FUI_21;
import static org.tremplin.funding.process.FundingDecisions.Rates.CallCodes.FUI_25;
import static org.tremplin.funding.process.FundingDecisions.Rates.CallCodes.PSPC_REGIONS;
import static org.tremplin.funding.process.FundingDecisions.Rates.FunderKinds.ANR;
import static org.tremplin.funding.process.FundingDecisions.Rates.FunderKinds.BPIFRANCE;
import static org.tremplin.funding.process.FundingDecisions.Rates.FunderKinds.EU_FUND;
import static org.tremplin.funding.process.FundingDecisions.Rates.FunderKinds.FUI;
import static org.tremplin.funding.process.FundingDecisions.Rates.FunderKinds.LOCAL_AUTHORITY;
import static org.tremplin.funding.process.FundingDecisions.Rates.FunderKinds.POOLED_FUND;
import static org.tremplin.funding.process.FundingDecisions.Rates.FunderKinds.REGION;
import static org.tremplin.funding.process.FundingDecisions.Rates.LabCostBases.FULL_COST;
import static org.tremplin.funding.process.FundingDecisions.Rates.LabCostBases.MARGINAL_COST;
import static org.tremplin.funding.process.FundingDecisions.Rates.PartnerKinds.LARGE_COMPANY;
import static org.tremplin.funding.process.FundingDecisions.Rates.PartnerKinds.MID_SIZE_COMPANY;
import static org.tremplin.funding.process.FundingDecisions.Rates.PartnerKinds.OTHER;
import static org.tremplin.funding.process.FundingDecisions.Rates.PartnerKinds.RESEARCH_LAB;
import static org.tremplin.funding.process.FundingDecisions.Rates.PartnerKinds.SME;
import static org.tremplin.funding.process.FundingDecisions.Rates.Sources.ASSUMPTION;
import static org.tremplin.funding.process.FundingDecisions.Rates.Sources.NOT_ELIGIBLE;

/**
 * {@code bpmn/funding-rates.dmn} evaluated by the Camunda DMN engine alone (no Spring): one case per rule, each
 * checked for the rule that answered (hit policy FIRST, so the order of the rows matters), the rate and its source.
 */
class FundingRatesDmnTest {

    private static final String FUI_21_SOURCE = "FUI call 21";
    private static final String FUI_25_SOURCE = "FUI call 25";
    private static final String PSPC_LABELLED = "PSPC-Régions, with the cluster label";
    private static final String PSPC_NOT_LABELLED = "PSPC-Régions, without the cluster label";

    /** The rule that answered the last evaluation of this thread (the engine reports it to a listener only). */
    private static final ThreadLocal<List<String>> MATCHED_RULES = new ThreadLocal<>();

    private static DmnEngine engine;
    private static DmnDecision decision;
    private static DmnModelInstance model;

    /** What the table answers for one partner. */
    record Answer(String rule, Object rate, Object source) {
    }

    @BeforeAll
    static void parseTheTable() throws IOException {
        engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration()
                .customPostDecisionTableEvaluationListeners(List.of(FundingRatesDmnTest::recordMatchedRules))
                .buildEngine();
        try (InputStream in = resource()) {
            decision = engine.parseDecision(FundingDecisions.Rates.KEY, in);
        }
        try (InputStream in = resource()) {
            model = Dmn.readModelFromStream(in);
        }
    }

    // ---------------------------------------------------------------- the published figures (src/docs/domain.md)

    static Stream<Arguments> fuiCall21() {
        return Stream.of(
                arguments("rule_fui21_sme", SME, true, null, 45.0),
                arguments("rule_fui21_sme", SME, false, null, 45.0),
                arguments("rule_fui21_mid_size_in_territory", MID_SIZE_COMPANY, true, null, 30.0),
                arguments("rule_fui21_large", LARGE_COMPANY, true, null, 25.0),
                arguments("rule_fui21_large", LARGE_COMPANY, false, null, 25.0),
                arguments("rule_fui21_lab_full_cost", RESEARCH_LAB, true, FULL_COST, 40.0),
                arguments("rule_fui21_lab_marginal_cost", RESEARCH_LAB, true, MARGINAL_COST, 100.0));
    }

    @ParameterizedTest(name = "{1} in territory {2}, lab cost base {3}: {4} % ({0})")
    @MethodSource("fuiCall21")
    void fui_call_21_pays_smes_45_mid_size_companies_in_the_territory_30_large_companies_25_and_labs_40_of_full_or_100_of_marginal_cost(
            String rule, String partnerKind, boolean inTerritory, String labCostBase, double rate) {
        // given a partner of a labelled project applying to FUI call 21
        // when the table is evaluated
        Answer answer = rateOf(FUI, FUI_21, partnerKind, inTerritory, true, labCostBase);

        // then it gives the published rate of call 21
        assertThat(answer).isEqualTo(new Answer(rule, rate, FUI_21_SOURCE));
    }

    @Test
    void outside_a_labelling_clusters_territory_a_mid_size_company_gets_the_assumed_large_company_rate_of_fui_call_21() {
        // given a mid-size company working outside the territory of the clusters that labelled the project
        // when it applies to FUI call 21
        Answer outside = rateOf(FUI, FUI_21, MID_SIZE_COMPANY, false, true, null);
        Answer inside = rateOf(FUI, FUI_21, MID_SIZE_COMPANY, true, true, null);

        // then it gets 25 %, not the 30 % tied to the territory, marked as an assumption
        assertThat(outside).isEqualTo(new Answer("rule_fui21_mid_size_outside_territory", 25.0, ASSUMPTION));
        assertThat(inside.rate()).isEqualTo(30.0);
    }

    static Stream<Arguments> fuiCall25() {
        return Stream.of(
                arguments("rule_fui25_sme", SME, true, 50.0),
                arguments("rule_fui25_mid_size", MID_SIZE_COMPANY, true, 35.0),
                arguments("rule_fui25_mid_size", MID_SIZE_COMPANY, false, 35.0),
                arguments("rule_fui25_others", LARGE_COMPANY, true, 30.0),
                arguments("rule_fui25_others", OTHER, false, 30.0));
    }

    @ParameterizedTest(name = "{1} in territory {2}: {3} % ({0})")
    @MethodSource("fuiCall25")
    void fui_call_25_pays_smes_50_mid_size_companies_35_and_other_partners_30(String rule, String partnerKind,
            boolean inTerritory, double rate) {
        // given a partner applying to FUI call 25
        // when the table is evaluated
        Answer answer = rateOf(FUI, FUI_25, partnerKind, inTerritory, true, null);

        // then it gives the published rate of call 25
        assertThat(answer).isEqualTo(new Answer(rule, rate, FUI_25_SOURCE));
    }

    @Test
    void fui_call_25_pays_each_company_5_points_more_than_call_21() {
        // given the same SME, mid-size and large company in the territory
        for (String[] kinds : new String[][] {{SME}, {MID_SIZE_COMPANY}, {LARGE_COMPANY}}) {
            // when they apply to call 21 and to call 25
            double call21 = (Double) rateOf(FUI, FUI_21, kinds[0], true, true, null).rate();
            double call25 = (Double) rateOf(FUI, FUI_25, kinds[0], true, true, null).rate();

            // then call 25 is 5 points higher
            assertThat(call25 - call21).as(kinds[0]).isEqualTo(5.0);
        }
    }

    static Stream<Arguments> pspcRegions() {
        return Stream.of(
                arguments("rule_pspc_sme_labelled", BPIFRANCE, SME, true, 50.0, PSPC_LABELLED),
                arguments("rule_pspc_mid_size_labelled", REGION, MID_SIZE_COMPANY, true, 35.0, PSPC_LABELLED),
                arguments("rule_pspc_large_labelled", POOLED_FUND, LARGE_COMPANY, true, 25.0, PSPC_LABELLED),
                arguments("rule_pspc_sme_not_labelled", BPIFRANCE, SME, false, 35.0, PSPC_NOT_LABELLED),
                arguments("rule_pspc_mid_size_not_labelled", REGION, MID_SIZE_COMPANY, false, 25.0, PSPC_NOT_LABELLED),
                arguments("rule_pspc_large_not_labelled", FUI, LARGE_COMPANY, false, 20.0, PSPC_NOT_LABELLED));
    }

    @ParameterizedTest(name = "{2} paid by {1}, labelled {3}: {4} % ({0})")
    @MethodSource("pspcRegions")
    void pspc_regions_pays_smes_35_mid_size_companies_25_large_companies_20_and_the_cluster_label_raises_them_to_50_35_25(
            String rule, String funderKind, String partnerKind, boolean labelled, double rate, String source) {
        // given a company applying to PSPC-Régions, whichever funder pays its share
        // when the table is evaluated with or without the cluster label
        Answer answer = rateOf(funderKind, PSPC_REGIONS, partnerKind, true, labelled, null);

        // then it gives the published rate for that case
        assertThat(answer).isEqualTo(new Answer(rule, rate, source));
    }

    @Test
    void the_cluster_label_raises_the_pspc_regions_rate_of_every_company() {
        for (String partnerKind : List.of(SME, MID_SIZE_COMPANY, LARGE_COMPANY)) {
            // given the same company, once in a labelled project and once in an unlabelled one
            // when it applies to PSPC-Régions
            double labelled = (Double) rateOf(BPIFRANCE, PSPC_REGIONS, partnerKind, true, true, null).rate();
            double notLabelled = (Double) rateOf(BPIFRANCE, PSPC_REGIONS, partnerKind, true, false, null).rate();

            // then the label gives the higher rate
            assertThat(labelled).as(partnerKind).isGreaterThan(notLabelled);
        }
    }

    @Test
    void the_territory_and_the_label_change_nothing_where_domain_names_no_such_condition() {
        // given an SME of FUI call 21 and a mid-size company of FUI call 25
        // when they are in or out of the territory, labelled or not
        // then the rate stays the same
        for (boolean inTerritory : new boolean[] {true, false}) {
            for (boolean labelled : new boolean[] {true, false}) {
                assertThat(rateOf(FUI, FUI_21, SME, inTerritory, labelled, null).rate()).isEqualTo(45.0);
                assertThat(rateOf(FUI, FUI_25, MID_SIZE_COMPANY, inTerritory, labelled, null).rate()).isEqualTo(35.0);
            }
        }
    }

    // ---------------------------------------------------------------- assumptions and the catch-all

    static Stream<Arguments> defaults() {
        return Stream.of(
                arguments("rule_default_sme", ANR, "ANR-PRCE", SME, null, 35.0),
                arguments("rule_default_sme", FUI, "FUI-23", SME, null, 35.0),
                arguments("rule_default_mid_size", BPIFRANCE, "i-Nov", MID_SIZE_COMPANY, null, 25.0),
                arguments("rule_default_mid_size", FUI, FUI_21, MID_SIZE_COMPANY, null, 25.0),
                arguments("rule_default_large", REGION, "AAP-REGION", LARGE_COMPANY, null, 20.0),
                arguments("rule_default_large", EU_FUND, null, LARGE_COMPANY, null, 20.0),
                arguments("rule_default_lab_full_cost", LOCAL_AUTHORITY, "-", RESEARCH_LAB, FULL_COST, 40.0),
                arguments("rule_default_lab_full_cost", FUI, FUI_25, RESEARCH_LAB, FULL_COST, 40.0),
                arguments("rule_default_lab_marginal_cost", POOLED_FUND, "FONDS-UNIQUE", RESEARCH_LAB, MARGINAL_COST, 100.0),
                arguments("rule_default_lab_marginal_cost", BPIFRANCE, PSPC_REGIONS, RESEARCH_LAB, MARGINAL_COST, 100.0));
    }

    @ParameterizedTest(name = "{3} at {1} {2}: {5} % ({0})")
    @MethodSource("defaults")
    void a_funder_or_call_without_published_figures_gets_a_conservative_default_marked_as_an_assumption(
            String rule, String funderKind, String callCode, String partnerKind, String labCostBase, double rate) {
        // given a partner applying to a funder or call src/docs/domain.md gives no figure for
        // (the FUI-21 mid-size company has no territory known: neither rule of call 21 decides)
        Boolean inTerritory = FUI_21.equals(callCode) ? null : Boolean.TRUE;

        // when the table is evaluated
        Answer answer = rateOf(funderKind, callCode, partnerKind, inTerritory, true, labCostBase);

        // then it gives the default rate, whose source says it is an assumption
        assertThat(answer).isEqualTo(new Answer(rule, rate, ASSUMPTION));
    }

    @Test
    void a_default_rate_is_never_higher_than_the_published_rate_of_the_same_partner() {
        for (String partnerKind : List.of(SME, MID_SIZE_COMPANY, LARGE_COMPANY)) {
            // given a company applying to ANR, with no published figure
            // when compared with the published calls
            double assumed = (Double) rateOf(ANR, null, partnerKind, true, true, null).rate();

            // then the default is at most the lowest published rate (conservative)
            for (Answer published : List.of(rateOf(FUI, FUI_21, partnerKind, true, true, null),
                    rateOf(FUI, FUI_25, partnerKind, true, true, null),
                    rateOf(BPIFRANCE, PSPC_REGIONS, partnerKind, true, true, null),
                    rateOf(BPIFRANCE, PSPC_REGIONS, partnerKind, true, false, null))) {
                assertThat(assumed).as("%s vs %s", partnerKind, published).isLessThanOrEqualTo((Double) published.rate());
            }
        }
    }

    static Stream<Arguments> notCovered() {
        return Stream.of(
                arguments("an OTHER partner of FUI call 21", FUI, FUI_21, OTHER, null),
                arguments("an OTHER partner of PSPC-Régions", BPIFRANCE, PSPC_REGIONS, OTHER, null),
                arguments("an OTHER partner of ANR", ANR, null, OTHER, null),
                arguments("a lab without a cost base", FUI, FUI_21, RESEARCH_LAB, null),
                arguments("a lab with an unknown cost base", ANR, null, RESEARCH_LAB, "FLAT_RATE"),
                arguments("an unknown funder kind", "CITY_OF_LYON", FUI_21, SME, null),
                arguments("an unknown partner kind", FUI, FUI_21, "STARTUP", null),
                arguments("no input at all", null, null, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notCovered")
    void anything_no_rule_covers_gets_rate_0_not_eligible_rather_than_a_guess(String what, String funderKind,
            String callCode, String partnerKind, String labCostBase) {
        // given a case no rule covers
        // when the table is evaluated
        Answer answer = rateOf(funderKind, callCode, partnerKind, null, null, labCostBase);

        // then the catch-all answers, with rate 0
        assertThat(answer).isEqualTo(new Answer("rule_not_eligible", 0.0, NOT_ELIGIBLE));
    }

    // ---------------------------------------------------------------- the table itself

    @Test
    void every_rule_of_the_table_is_answered_by_at_least_one_case_above() {
        // given the rule of every case of this test
        Set<String> pinned = new TreeSet<>();
        Stream.of(fuiCall21(), fuiCall25(), pspcRegions(), defaults())
                .flatMap(cases -> cases).forEach(c -> pinned.add((String) c.get()[0]));
        pinned.add("rule_fui21_mid_size_outside_territory");
        pinned.add("rule_not_eligible");

        // when compared with the rules of the table
        // then no rule is left untested, and no case names a rule that does not exist
        assertThat(pinned).containsExactlyInAnyOrderElementsOf(
                table().getRules().stream().map(Rule::getId).toList());
    }

    @Test
    void the_hit_policy_is_first_and_the_last_rule_matches_anything_so_every_case_gets_exactly_one_answer() {
        // given the table
        DecisionTable table = table();

        // when its hit policy and last rule are read
        Rule last = List.copyOf(table.getRules()).get(table.getRules().size() - 1);

        // then the first matching rule answers and the last rule is an unconditional rate 0
        assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.FIRST);
        assertThat(last.getInputEntries()).extracting(entry -> entry.getText().getTextContent().strip())
                .allMatch(text -> text.isEmpty() || text.equals("-"));
        assertThat(last.getOutputEntries()).extracting(entry -> entry.getText().getTextContent())
                .containsExactly("0", '"' + NOT_ELIGIBLE + '"');
    }

    @Test
    void every_rule_is_annotated_and_every_assumed_figure_says_so_in_its_source() {
        for (Rule rule : table().getRules()) {
            // given a rule and its annotation
            String annotation = rule.getDescription() == null ? "" : rule.getDescription().getTextContent();
            String source = List.copyOf(rule.getOutputEntries()).get(1).getText().getTextContent();

            // then it is annotated, and its source is the assumption exactly when the annotation says so
            assertThat(annotation).as("annotation of %s", rule.getId()).isNotBlank();
            assertThat(source.equals('"' + ASSUMPTION + '"')).as("source of %s: %s", rule.getId(), source)
                    .isEqualTo(annotation.startsWith("ASSUMPTION"));
        }
    }

    @Test
    void the_table_reads_and_writes_the_names_and_values_of_funding_decisions_and_no_other() throws Exception {
        // given the table and the constants code uses
        DecisionTable table = table();

        // when its input expressions, output names and the strings of its input entries are read
        List<String> inputs = table.getInputs().stream()
                .map(Input::getInputExpression).map(e -> e.getText().getTextContent()).toList();
        List<String> outputs = table.getOutputs().stream().map(Output::getName).toList();
        Set<String> values = new TreeSet<>();
        Pattern quoted = Pattern.compile("\"([^\"]*)\"");
        for (Rule rule : table.getRules()) {
            for (InputEntry entry : rule.getInputEntries()) {
                Matcher m = quoted.matcher(entry.getText().getTextContent());
                while (m.find()) {
                    values.add(m.group(1));
                }
            }
        }

        // then they are exactly the constants of FundingDecisions.Rates
        assertThat(decision.getKey()).isEqualTo(FundingDecisions.Rates.KEY);
        assertThat(decision.getName()).isEqualTo("Aid rate");
        assertThat(inputs).containsExactlyElementsOf(constants(FundingDecisions.Rates.Inputs.class));
        assertThat(outputs).containsExactlyElementsOf(constants(FundingDecisions.Rates.Outputs.class));
        Set<String> known = new TreeSet<>();
        for (Class<?> group : List.of(FundingDecisions.Rates.FunderKinds.class, FundingDecisions.Rates.CallCodes.class,
                FundingDecisions.Rates.PartnerKinds.class, FundingDecisions.Rates.LabCostBases.class)) {
            known.addAll(constants(group));
        }
        assertThat(known).containsAll(values);
        assertThat(values).containsAll(constants(FundingDecisions.Rates.FunderKinds.class))
                .containsAll(constants(FundingDecisions.Rates.CallCodes.class))
                .containsAll(constants(FundingDecisions.Rates.PartnerKinds.class))
                .containsAll(constants(FundingDecisions.Rates.LabCostBases.class));
    }

    // ---------------------------------------------------------------- helpers

    private static Answer rateOf(String funderKind, String callCode, String partnerKind, Boolean inTerritory,
            Boolean labelled, String labCostBase) {
        VariableMap variables = Variables.createVariables()
                .putValue(FundingDecisions.Rates.Inputs.FUNDER_KIND, funderKind)
                .putValue(FundingDecisions.Rates.Inputs.CALL_CODE, callCode)
                .putValue(FundingDecisions.Rates.Inputs.PARTNER_KIND, partnerKind)
                .putValue(FundingDecisions.Rates.Inputs.IN_TERRITORY, inTerritory)
                .putValue(FundingDecisions.Rates.Inputs.LABELLED, labelled)
                .putValue(FundingDecisions.Rates.Inputs.LAB_COST_BASE, labCostBase);
        MATCHED_RULES.remove();
        DmnDecisionTableResult result = engine.evaluateDecisionTable(decision, variables);
        assertThat(result).as("results of %s", variables).hasSize(1);
        assertThat(MATCHED_RULES.get()).as("rules that answered %s", variables).hasSize(1);
        return new Answer(MATCHED_RULES.get().get(0),
                result.getSingleResult().getEntry(FundingDecisions.Rates.Outputs.RATE),
                result.getSingleResult().getEntry(FundingDecisions.Rates.Outputs.SOURCE));
    }

    private static void recordMatchedRules(DmnDecisionTableEvaluationEvent event) {
        MATCHED_RULES.set(event.getMatchingRules().stream().map(DmnEvaluatedDecisionRule::getId).toList());
    }

    private static DecisionTable table() {
        Decision rates = model.getModelElementById(FundingDecisions.Rates.KEY);
        return (DecisionTable) rates.getExpression();
    }

    private static InputStream resource() {
        InputStream in = FundingRatesDmnTest.class.getClassLoader().getResourceAsStream(FundingDecisions.Rates.RESOURCE);
        if (in == null) {
            throw new UncheckedIOException(new IOException("not on the classpath: " + FundingDecisions.Rates.RESOURCE));
        }
        return in;
    }

    /** The string constants of a constants class, in declaration order. */
    static List<String> constants(Class<?> type) throws IllegalAccessException {
        List<String> values = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                values.add((String) field.get(null));
            }
        }
        return values;
    }
}

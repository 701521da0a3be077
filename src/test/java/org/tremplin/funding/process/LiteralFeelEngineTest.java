package org.tremplin.funding.process;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tremplin.funding.query.CapacityRules;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LiteralFeelEngine} answers as Camunda's FEEL engine does: the capacity table gives the same rows (verdicts and
 * reasons, in order) both ways on every threshold of the table and just above it, and on random inputs; single
 * cells agree on inputs of every kind, and the forms it does not read go to FEEL.
 */
class LiteralFeelEngineTest {

    private static final List<String> SIZES = List.of("micro", "small", "medium", "large", "unknown");
    /** Every ratio threshold of the table. */
    private static final double[] THRESHOLDS = {10, 15, 20, 25, 30, 40, 50, 60, 80, 100};

    private final DmnEngine feelEngine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    private final DmnEngine literalEngine = DmnCapacityRules.engineWithLiteralFeel();
    private final DmnDecision feelDecision = parse(feelEngine);
    private final DmnDecision literalDecision = parse(literalEngine);

    @Test
    void the_capacity_table_fires_the_same_rows_on_every_threshold_and_just_above_it() {
        List<Double> ratios = new ArrayList<>();
        for (double t : THRESHOLDS) {
            ratios.addAll(List.of(t, Math.nextUp(t)));
        }
        int compared = 0;
        int fired = 0;
        for (String size : SIZES.subList(0, 4)) {
            for (double ratio : ratios) {
                // the three ratios together: the table collects every row that fires, column by column
                fired += same(size, ratio, ratio, 1, ratio);
                compared++;
            }
            for (int projects : new int[]{0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 20, 21}) {
                fired += same(size, 0, 0, projects, 0);
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(120);
        assertThat(fired).as("rows fired over all the comparisons").isGreaterThan(compared);
    }

    @Test
    void the_capacity_table_fires_the_same_rows_on_random_inputs() {
        Random random = new Random(11);
        for (int i = 0; i < 50; i++) {
            same(SIZES.get(random.nextInt(SIZES.size())), random.nextDouble() * 120 - 10, random.nextDouble() * 120 - 10,
                    random.nextInt(25), random.nextDouble() * 120 - 10);
        }
    }

    @Test
    void the_rules_bean_uses_it_and_still_decides_as_the_table_says() {
        CapacityRules.Verdict verdict = new DmnCapacityRules().verdict(new CapacityRules.Inputs("micro",
                new BigDecimal("50.01"), BigDecimal.ZERO, 1, BigDecimal.ZERO));
        assertThat(verdict.verdict().name()).isEqualTo("OVER_CAPACITY");
        assertThat(verdict.reasons()).singleElement().asString().contains("over 50 %");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-", "\"small\"", "> 60", ">= 60", "< 3", "<= 3", "8", "]30..60]", "[5..8]", "(2..4)",
            "[2..4[", "]0.5..1.25]", "> -1", "not(\"small\")", "< 3, > 8", "\"a\", \"b\"", "null", "[1..x]"})
    void a_cell_answers_as_feel_does_on_inputs_of_every_kind(String cell) {
        FeelEngine feel = new ScalaFeelEngineFactory().createInstance();
        LiteralFeelEngine literal = new LiteralFeelEngine(new ScalaFeelEngineFactory().createInstance());
        List<Object> inputs = new ArrayList<>(Arrays.asList("small", "large", "", 60, 61, 59, 3, 4, 8, 2, 5, 30, 0, -1,
                60.0, 60.000001, 59.99, 3.0, 8.0, 0.5, 1.25, 1.2500001, 30.0, 2L, 4L, 100L, new BigDecimal("60"),
                new BigDecimal("60.5"), true, null, Double.NaN));
        for (Object input : inputs) {
            VariableMap variables = Variables.createVariables().putValue("cellInput", input).putValue("x", 3);
            Object expected;
            try {
                expected = feel.evaluateSimpleUnaryTests(cell, "cellInput", variables.asVariableContext());
            } catch (RuntimeException e) {
                expected = e.getClass();
            }
            Object actual;
            try {
                actual = literal.evaluateSimpleUnaryTests(cell, "cellInput", variables.asVariableContext());
            } catch (RuntimeException e) {
                actual = e.getClass();
            }
            assertThat(actual).as("%s on %s (%s)", cell, input, input == null ? null : input.getClass().getSimpleName())
                    .isEqualTo(expected);
        }
    }

    @Test
    void literals_and_names_as_simple_expressions_answer_as_feel_does() {
        FeelEngine feel = new ScalaFeelEngineFactory().createInstance();
        LiteralFeelEngine literal = new LiteralFeelEngine(new ScalaFeelEngineFactory().createInstance());
        VariableMap variables = Variables.createVariables().putValue("size", "small").putValue("count", 3)
                .putValue("ratio", 0.42).putValue("big", 7L).putValue("flag", true).putValue("nothing", null);
        for (String expression : List.of("\"STRETCHED\"", "\"the heaviest year's budget\"", "size", "flag", "nothing",
                "1 + 2", "\"a\" + \"b\"")) {
            Object expected = feel.evaluateSimpleExpression(expression, variables.asVariableContext());
            Object actual = literal.evaluateSimpleExpression(expression, variables.asVariableContext());
            assertThat(actual).as(expression).isEqualTo(expected);
        }
        // numbers: FEEL gives back its own number kinds, which the table's type conversion turns into the same values
        for (String number : List.of("count", "ratio", "big")) {
            Number expected = feel.evaluateSimpleExpression(number, variables.asVariableContext());
            Number actual = literal.evaluateSimpleExpression(number, variables.asVariableContext());
            assertThat(new BigDecimal(actual.toString())).as(number).isEqualByComparingTo(new BigDecimal(expected.toString()));
        }
    }

    private int same(String size, double co, double gap, int projects, double effort) {
        VariableMap variables = DmnCapacityRules.variables(new CapacityRules.Inputs(size, BigDecimal.valueOf(co),
                BigDecimal.valueOf(gap), projects, BigDecimal.valueOf(effort)));
        List<Map<String, Object>> expected = feelEngine.evaluateDecision(feelDecision, variables).getResultList();
        List<Map<String, Object>> actual = literalEngine.evaluateDecision(literalDecision, variables).getResultList();
        assertThat(actual).as("%s %s %s %s %s", size, co, gap, projects, effort).isEqualTo(expected);
        return expected.size();
    }

    private static DmnDecision parse(DmnEngine engine) {
        try (InputStream in = LiteralFeelEngineTest.class.getClassLoader()
                .getResourceAsStream(FundingDecisions.Capacity.RESOURCE)) {
            return engine.parseDecision(FundingDecisions.Capacity.KEY, in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

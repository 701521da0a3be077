package org.tremplin.funding.process;

import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tremplin.funding.api.CapacityVerdict;
import org.tremplin.funding.query.CapacityRules;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bpmn/carrier-capacity.dmn} row by row through Camunda's DMN engine: each row fires alone, just above its
 * threshold, and not at the threshold itself; no row fires within every threshold; the worst verdict wins.
 */
class CarrierCapacityTableTest {

    private final List<String> fired = new ArrayList<>();
    private final DmnCapacityRules rules;

    CarrierCapacityTableTest() {
        DefaultDmnEngineConfiguration configuration =
                (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        DmnDecisionTableEvaluationListener listener = event -> event.getMatchingRules()
                .forEach((DmnEvaluatedDecisionRule rule) -> fired.add(rule.getId()));
        configuration.customPostDecisionTableEvaluationListeners(List.of(listener));
        rules = new DmnCapacityRules(configuration.buildEngine());
    }

    private CapacityRules.Verdict evaluate(String size, String coFunding, String gap, int projects, String effort) {
        fired.clear();
        return rules.verdict(new CapacityRules.Inputs(size, new BigDecimal(coFunding), new BigDecimal(gap), projects,
                new BigDecimal(effort)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "rule_micro_co_funding_stretched, micro, 25.01, 0, 1, 0, STRETCHED, 25",
            "rule_micro_co_funding_over, micro, 50.01, 0, 1, 0, OVER_CAPACITY, 50",
            "rule_micro_gap_stretched, micro, 0, 10.01, 1, 0, STRETCHED, 10",
            "rule_micro_gap_over, micro, 0, 25.01, 1, 0, OVER_CAPACITY, 25",
            "rule_micro_projects_stretched, micro, 0, 0, 2, 0, STRETCHED, 1",
            "rule_micro_projects_over, micro, 0, 0, 4, 0, OVER_CAPACITY, 3",
            "rule_micro_effort_stretched, micro, 0, 0, 1, 30.01, STRETCHED, 30",
            "rule_micro_effort_over, micro, 0, 0, 1, 60.01, OVER_CAPACITY, 60",
            "rule_small_co_funding_stretched, small, 30.01, 0, 1, 0, STRETCHED, 30",
            "rule_small_co_funding_over, small, 60.01, 0, 1, 0, OVER_CAPACITY, 60",
            "rule_small_gap_stretched, small, 0, 15.01, 1, 0, STRETCHED, 15",
            "rule_small_gap_over, small, 0, 30.01, 1, 0, OVER_CAPACITY, 30",
            "rule_small_projects_stretched, small, 0, 0, 3, 0, STRETCHED, 2",
            "rule_small_projects_over, small, 0, 0, 5, 0, OVER_CAPACITY, 4",
            "rule_small_effort_stretched, small, 0, 0, 1, 30.01, STRETCHED, 30",
            "rule_small_effort_over, small, 0, 0, 1, 60.01, OVER_CAPACITY, 60",
            "rule_medium_co_funding_stretched, medium, 40.01, 0, 1, 0, STRETCHED, 40",
            "rule_medium_co_funding_over, medium, 80.01, 0, 1, 0, OVER_CAPACITY, 80",
            "rule_medium_gap_stretched, medium, 0, 20.01, 1, 0, STRETCHED, 20",
            "rule_medium_gap_over, medium, 0, 40.01, 1, 0, OVER_CAPACITY, 40",
            "rule_medium_projects_stretched, medium, 0, 0, 5, 0, STRETCHED, 4",
            "rule_medium_projects_over, medium, 0, 0, 9, 0, OVER_CAPACITY, 8",
            "rule_medium_effort_stretched, medium, 0, 0, 1, 25.01, STRETCHED, 25",
            "rule_medium_effort_over, medium, 0, 0, 1, 50.01, OVER_CAPACITY, 50",
            "rule_large_co_funding_stretched, large, 50.01, 0, 1, 0, STRETCHED, 50",
            "rule_large_co_funding_over, large, 100.01, 0, 1, 0, OVER_CAPACITY, 100",
            "rule_large_gap_stretched, large, 0, 25.01, 1, 0, STRETCHED, 25",
            "rule_large_gap_over, large, 0, 50.01, 1, 0, OVER_CAPACITY, 50",
            "rule_large_projects_stretched, large, 0, 0, 11, 0, STRETCHED, 10",
            "rule_large_projects_over, large, 0, 0, 21, 0, OVER_CAPACITY, 20",
            "rule_large_effort_stretched, large, 0, 0, 1, 20.01, STRETCHED, 20",
            "rule_large_effort_over, large, 0, 0, 1, 40.01, OVER_CAPACITY, 40",
    })
    void each_row_fires_alone_just_above_its_threshold(String rule, String size, String coFunding, String gap,
                                                        int projects, String effort, CapacityVerdict verdict,
                                                        String threshold) {
        CapacityRules.Verdict answer = evaluate(size, coFunding, gap, projects, effort);
        assertThat(fired).containsExactly(rule);
        assertThat(answer.verdict()).isEqualTo(verdict);
        assertThat(answer.reasons()).hasSize(1);
        // At the threshold itself the row does not fire (the bounds are exclusive below).
        boolean integer = rule.contains("_projects_");
        evaluate(size, rule.contains("co_funding") ? threshold : "0", rule.contains("_gap_") ? threshold : "0",
                integer ? Integer.parseInt(threshold) : 1, rule.contains("_effort_") ? threshold : "0");
        assertThat(fired).doesNotContain(rule);
    }

    @Test
    void every_row_of_the_table_is_covered_above() throws IOException {
        String table;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(FundingDecisions.Capacity.RESOURCE)) {
            table = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher rows = Pattern.compile("<rule id=\"([a-z_]+)\"").matcher(table);
        List<String> ids = new ArrayList<>();
        while (rows.find()) {
            ids.add(rows.group(1));
        }
        assertThat(ids).hasSize(32);
    }

    @Test
    void within_every_threshold_the_verdict_is_comfortable() {
        CapacityRules.Verdict answer = evaluate("micro", "25", "10", 1, "30");
        assertThat(fired).isEmpty();
        assertThat(answer.verdict()).isEqualTo(CapacityVerdict.COMFORTABLE);
        assertThat(answer.reasons()).containsExactly("within every threshold for a micro organisation");
    }

    @Test
    void the_worst_row_that_fires_gives_the_verdict_and_every_reason_is_kept() {
        CapacityRules.Verdict answer = evaluate("small", "61", "16", 3, "10");
        assertThat(fired).containsExactlyInAnyOrder("rule_small_co_funding_over", "rule_small_gap_stretched",
                "rule_small_projects_stretched");
        assertThat(answer.verdict()).isEqualTo(CapacityVerdict.OVER_CAPACITY);
        assertThat(answer.reasons()).hasSize(3)
                .anyMatch(r -> r.startsWith("co-funding to bear is over 60 % of the annual capacity for a small organisation"));
    }

    @Test
    void the_same_load_is_judged_by_the_size_class() {
        assertThat(evaluate("micro", "45", "0", 1, "0").verdict()).isEqualTo(CapacityVerdict.STRETCHED);
        assertThat(evaluate("large", "45", "0", 1, "0").verdict()).isEqualTo(CapacityVerdict.COMFORTABLE);
    }
}

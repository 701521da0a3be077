package org.tremplin.funding.process;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;
import org.tremplin.funding.api.CapacityVerdict;
import org.tremplin.funding.query.CapacityRules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link CapacityRules} answered by Camunda's standalone DMN engine from {@code bpmn/carrier-capacity.dmn} (parsed
 * once; engine and decision are thread-safe). Hit policy COLLECT: each row that fires gives a verdict and a reason; the
 * verdict is the worst that fired, {@link CapacityVerdict#COMFORTABLE} when none did. Ratios go to the table as
 * doubles (they are only compared with the thresholds).
 */
@Component
public class DmnCapacityRules implements CapacityRules {

    private final DmnEngine engine;
    private final DmnDecision decision;

    public DmnCapacityRules() {
        this(engineWithLiteralFeel());
    }

    /**
     * Camunda's default DMN engine, its FEEL engine wrapped in a {@link LiteralFeelEngine} (the table's cells compared
     * in Java rather than parsed again by FEEL on every evaluation: same rows, a tenth of a label decision's CPU).
     */
    static DmnEngine engineWithLiteralFeel() {
        org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration configuration =
                (org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        org.camunda.bpm.dmn.feel.impl.FeelEngine feel = new LiteralFeelEngine(
                new org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory().createInstance());
        configuration.setFeelEngineFactory(() -> feel);
        return configuration.buildEngine();
    }

    /** With a given engine (tests pass one with an evaluation listener to see which rows fired). */
    public DmnCapacityRules(DmnEngine engine) {
        this.engine = engine;
        try (InputStream in = DmnCapacityRules.class.getClassLoader().getResourceAsStream(FundingDecisions.Capacity.RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(FundingDecisions.Capacity.RESOURCE + " is not on the classpath");
            }
            decision = engine.parseDecision(FundingDecisions.Capacity.KEY, in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + FundingDecisions.Capacity.RESOURCE, e);
        }
    }

    public static VariableMap variables(CapacityRules.Inputs inputs) {
        return Variables.createVariables()
                .putValue(FundingDecisions.Capacity.Inputs.SIZE, inputs.size())
                .putValue(FundingDecisions.Capacity.Inputs.CO_FUNDING_RATIO, inputs.coFundingRatio().doubleValue())
                .putValue(FundingDecisions.Capacity.Inputs.DEEPEST_GAP_P90_RATIO, inputs.deepestGapP90Ratio().doubleValue())
                .putValue(FundingDecisions.Capacity.Inputs.CONCURRENT_PROJECTS, inputs.concurrentProjects())
                .putValue(FundingDecisions.Capacity.Inputs.EFFORT_SHARE, inputs.effortShare().doubleValue());
    }

    @Override
    public Verdict verdict(CapacityRules.Inputs inputs) {
        Objects.requireNonNull(inputs.size(), "size");
        DmnDecisionResult result = engine.evaluateDecision(decision, variables(inputs));
        CapacityVerdict verdict = CapacityVerdict.COMFORTABLE;
        List<String> reasons = new ArrayList<>();
        for (Map<String, Object> row : result.getResultList()) {
            CapacityVerdict fired = CapacityVerdict.valueOf((String) row.get(FundingDecisions.Capacity.Outputs.VERDICT));
            if (fired.compareTo(verdict) > 0) {
                verdict = fired;
            }
            reasons.add((String) row.get(FundingDecisions.Capacity.Outputs.REASON));
        }
        if (reasons.isEmpty()) {
            reasons.add("within every threshold for a " + inputs.size() + " organisation");
        }
        return new Verdict(verdict, List.copyOf(reasons));
    }
}

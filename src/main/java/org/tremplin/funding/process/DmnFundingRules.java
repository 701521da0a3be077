package org.tremplin.funding.process;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;
import org.tremplin.funding.api.EnterpriseSize;
import org.tremplin.funding.api.FunderKind;
import org.tremplin.funding.command.FundingRules;
import org.tremplin.organisation.api.OrganisationKind;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * The {@link FundingRules} the aggregates ask, answered by Camunda's standalone DMN engine from the decision tables
 * {@code bpmn/funding-rates.dmn} and {@code bpmn/state-aid-ceiling.dmn} (parsed once, at construction; the engine and
 * the parsed decisions are thread-safe). It needs no process engine, so test fixtures build it with {@code new} and
 * run the real tables.
 *
 * <p>Mapping to the tables' values: {@link FunderKind#STATE_FUI} is the table's {@code "FUI"}, every other funder kind,
 * partner kind and enterprise size goes by its enum name (the names are those of {@link FundingDecisions}).
 * <b>Research labs are always rated on their full cost</b> ({@code labCostBase = FULL_COST}): the application carries
 * full-cost budgets (the marginal-cost base, at 100 %, would need a cost base per request, which the contract does not
 * have yet). Percentages come back as {@code BigDecimal} with two decimals.
 */
@Component
public class DmnFundingRules implements FundingRules {

    private final DmnEngine engine;
    private final DmnDecision rateDecision;
    private final DmnDecision ceilingDecision;

    public DmnFundingRules() {
        engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        rateDecision = parse(FundingDecisions.Rates.KEY, FundingDecisions.Rates.RESOURCE);
        ceilingDecision = parse(FundingDecisions.Ceiling.KEY, FundingDecisions.Ceiling.RESOURCE);
    }

    @Override
    public Rate rate(FunderKind funderKind, String callCode, OrganisationKind partnerKind, boolean inTerritory,
                     boolean labelled) {
        Objects.requireNonNull(funderKind, "funderKind");
        Objects.requireNonNull(partnerKind, "partnerKind");
        VariableMap variables = Variables.createVariables()
                .putValue(FundingDecisions.Rates.Inputs.FUNDER_KIND, funderKind(funderKind))
                .putValue(FundingDecisions.Rates.Inputs.CALL_CODE, callCode)
                .putValue(FundingDecisions.Rates.Inputs.PARTNER_KIND, partnerKind.name())
                .putValue(FundingDecisions.Rates.Inputs.IN_TERRITORY, inTerritory)
                .putValue(FundingDecisions.Rates.Inputs.LABELLED, labelled)
                .putValue(FundingDecisions.Rates.Inputs.LAB_COST_BASE, partnerKind == OrganisationKind.RESEARCH_LAB
                        ? FundingDecisions.Rates.LabCostBases.FULL_COST : null);
        DmnDecisionResultEntries answer = single(engine.evaluateDecision(rateDecision, variables), variables);
        return new Rate(percent(answer.getEntry(FundingDecisions.Rates.Outputs.RATE)),
                answer.getEntry(FundingDecisions.Rates.Outputs.SOURCE));
    }

    @Override
    public Ceiling ceiling(EnterpriseSize size, boolean effectiveCollaboration) {
        Objects.requireNonNull(size, "size");
        DmnDecisionResultEntries industrial = ceilingOf(
                FundingDecisions.Ceiling.ResearchCategories.INDUSTRIAL_RESEARCH, size, effectiveCollaboration);
        DmnDecisionResultEntries experimental = ceilingOf(
                FundingDecisions.Ceiling.ResearchCategories.EXPERIMENTAL_DEVELOPMENT, size, effectiveCollaboration);
        return new Ceiling(percent(industrial.getEntry(FundingDecisions.Ceiling.Outputs.CEILING)),
                percent(experimental.getEntry(FundingDecisions.Ceiling.Outputs.CEILING)),
                industrial.getEntry(FundingDecisions.Ceiling.Outputs.NOTE));
    }

    private DmnDecisionResultEntries ceilingOf(String category, EnterpriseSize size, boolean effectiveCollaboration) {
        VariableMap variables = Variables.createVariables()
                .putValue(FundingDecisions.Ceiling.Inputs.RESEARCH_CATEGORY, category)
                .putValue(FundingDecisions.Ceiling.Inputs.ENTERPRISE_SIZE, size.name())
                .putValue(FundingDecisions.Ceiling.Inputs.EFFECTIVE_COLLABORATION, effectiveCollaboration);
        return single(engine.evaluateDecision(ceilingDecision, variables), variables);
    }

    static String funderKind(FunderKind kind) {
        return switch (kind) {
            case STATE_FUI -> FundingDecisions.Rates.FunderKinds.FUI;
            case ANR -> FundingDecisions.Rates.FunderKinds.ANR;
            case BPIFRANCE -> FundingDecisions.Rates.FunderKinds.BPIFRANCE;
            case REGION -> FundingDecisions.Rates.FunderKinds.REGION;
            case LOCAL_AUTHORITY -> FundingDecisions.Rates.FunderKinds.LOCAL_AUTHORITY;
            case EU_FUND -> FundingDecisions.Rates.FunderKinds.EU_FUND;
            case POOLED_FUND -> FundingDecisions.Rates.FunderKinds.POOLED_FUND;
        };
    }

    private static DmnDecisionResultEntries single(DmnDecisionResult result, VariableMap variables) {
        if (result.getResultList().size() != 1) {
            throw new IllegalStateException("The funding decision tables gave " + result.getResultList().size()
                    + " answers for " + variables + "; exactly one was expected (check the .dmn files)");
        }
        return result.getSingleResult();
    }

    private static BigDecimal percent(Object value) {
        if (!(value instanceof Number number)) {
            throw new IllegalStateException("The funding decision tables gave no percentage (got " + value + ")");
        }
        return BigDecimal.valueOf(number.doubleValue()).setScale(2, RoundingMode.HALF_UP);
    }

    private DmnDecision parse(String key, String resource) {
        try (InputStream in = DmnFundingRules.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            return engine.parseDecision(key, in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}

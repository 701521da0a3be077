package org.tremplin.funding.query;

import org.tremplin.funding.api.CapacityVerdict;

import java.math.BigDecimal;
import java.util.List;

/**
 * The verdict on an organisation's load, answered from {@code bpmn/carrier-capacity.dmn} by
 * {@code org.tremplin.funding.process.DmnCapacityRules} (the engine stays in process packages).
 */
public interface CapacityRules {

    /** The table's inputs: size class, ratios in percent, number of concurrent projects. */
    record Inputs(String size, BigDecimal coFundingRatio, BigDecimal deepestGapP90Ratio, int concurrentProjects,
                  BigDecimal effortShare) {
    }

    record Verdict(CapacityVerdict verdict, List<String> reasons) {
    }

    Verdict verdict(Inputs inputs);
}

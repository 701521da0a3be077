package org.tremplin.funding.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.Map;

/**
 * Registers a funder under the id derived from its code ({@link #funderId(String)}). A null contracting
 * deadline means {@link #DEFAULT_CONTRACTING_DEADLINE_MONTHS}; contributors are declared by pooled funds only.
 */
public record RegisterFunderCommand(
        @TargetAggregateIdentifier String funderId,
        String code,
        String name,
        FunderKind kind,
        Integer contractingDeadlineMonths,
        Map<FundingStage, Integer> serviceLevelDays,
        List<PooledFundContributor> contributors) {

    public static final String ID_PREFIX = "FUNDER-";
    /** A selected project not contracted within this many months loses its selection. */
    public static final int DEFAULT_CONTRACTING_DEADLINE_MONTHS = 6;

    /** The funder id derived from its code, e.g. FUNDER-REGION-ARA: one funder per code. */
    public static String funderId(String code) {
        return ID_PREFIX + code;
    }
}

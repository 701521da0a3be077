package org.tremplin.investment.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Registers an investor under the id derived from its code ({@link #investorId(String)}). */
public record RegisterInvestorCommand(
        @TargetAggregateIdentifier String investorId,
        String code,
        String name,
        InvestorKind kind) {

    public static final String ID_PREFIX = "INVESTOR-";

    /** The investor id derived from its code, e.g. INVESTOR-ANGELS-ARA: one investor per code. */
    public static String investorId(String code) {
        return ID_PREFIX + code;
    }
}

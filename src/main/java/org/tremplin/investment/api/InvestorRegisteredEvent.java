package org.tremplin.investment.api;

import org.axonframework.serialization.Revision;

/** Pole staff registered an investor (business angels' network, VC fund, Bpifrance fund, corporate fund). */
@Revision("1")
public record InvestorRegisteredEvent(String investorId, String code, String name, InvestorKind kind) implements InvestmentEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

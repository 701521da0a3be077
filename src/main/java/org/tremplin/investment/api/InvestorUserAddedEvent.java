package org.tremplin.investment.api;

import org.axonframework.serialization.Revision;

/** A user now acts for an investor: accepts round NDAs, reads data rooms and commits in its name. */
@Revision("1")
public record InvestorUserAddedEvent(String investorId, String userId) implements InvestmentEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

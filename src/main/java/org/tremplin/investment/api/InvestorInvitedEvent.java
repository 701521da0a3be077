package org.tremplin.investment.api;

import org.axonframework.serialization.Revision;

/** Pole staff invited an investor to the round; it must accept the round's NDA before it sees anything confidential. */
@Revision("1")
public record InvestorInvitedEvent(String roundId, String investorId) implements InvestmentEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

package org.tremplin.investment.api;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;

/** The round was cancelled: this investor's commitment is released, nothing is owed. */
@Revision("1")
public record CommitmentReleasedEvent(String roundId, String investorId, BigDecimal amount) implements InvestmentEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

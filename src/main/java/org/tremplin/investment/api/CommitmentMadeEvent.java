package org.tremplin.investment.api;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;

/** An investor under NDA committed an amount (at least the minimum ticket) to the open round. */
@Revision("1")
public record CommitmentMadeEvent(String roundId, String investorId, BigDecimal amount, BigDecimal committedTotal) implements InvestmentEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

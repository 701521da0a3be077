package org.tremplin.investment.api;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;

/** An investor reconfirmed its commitment under the amended terms, before the deadline. */
@Revision("1")
public record CommitmentReconfirmedEvent(String roundId, String investorId, BigDecimal amount, int amendment) implements InvestmentEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

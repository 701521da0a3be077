package org.tremplin.investment.api;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;

/** An investor changed its commitment before the close (a change also reconfirms it after amended terms). */
@Revision("1")
public record CommitmentChangedEvent(String roundId, String investorId, BigDecimal previousAmount, BigDecimal amount,
                                     BigDecimal committedTotal) implements InvestmentEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

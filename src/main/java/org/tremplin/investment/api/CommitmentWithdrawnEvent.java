package org.tremplin.investment.api;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;

/** An investor withdrew its commitment before the close, with its reason. */
@Revision("1")
public record CommitmentWithdrawnEvent(String roundId, String investorId, BigDecimal amount, String reason,
                                       BigDecimal committedTotal) implements InvestmentEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

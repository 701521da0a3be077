package org.tremplin.investment.api;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;

/** A commitment lapsed: the investor did not reconfirm it after a material change of terms (amendment number given). */
@Revision("1")
public record CommitmentLapsedEvent(String roundId, String investorId, BigDecimal amount, int amendment,
                                    BigDecimal committedTotal) implements InvestmentEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

package org.tremplin.investment.api;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;

/**
 * The investor's final allocation at the close: its whole commitment, or, in an oversubscribed round, its pro-rata
 * share of the maximum raise in whole euros.
 */
@Revision("1")
public record CommitmentAllocatedEvent(String roundId, String investorId, BigDecimal committed, BigDecimal allocated) implements InvestmentEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

package org.tremplin.investment.api;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The round closed: the amount raised (the allocations' sum), the post-money valuation for equity (pre-money plus
 * raised; null for a convertible note), whether it was oversubscribed and whether staff closed it early.
 */
@Revision("1")
public record RoundClosedEvent(String roundId, BigDecimal committedTotal, BigDecimal raisedAmount,
                               BigDecimal postMoneyValuation, boolean oversubscribed, boolean early, String reason,
                               LocalDate closedOn) implements InvestmentEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

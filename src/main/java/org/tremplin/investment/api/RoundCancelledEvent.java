package org.tremplin.investment.api;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The round was cancelled at its close: an all-or-nothing round below its minimum raise, or no commitment at all. */
@Revision("1")
public record RoundCancelledEvent(String roundId, BigDecimal committedTotal, BigDecimal minimumRaise, String reason,
                                  LocalDate closedOn) implements InvestmentEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

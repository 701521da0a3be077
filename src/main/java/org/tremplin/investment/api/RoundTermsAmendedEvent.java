package org.tremplin.investment.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * Pole staff amended the round's terms (amendment number {@code amendment}); when the change is material (instrument,
 * valuation, all-or-nothing, a higher minimum ticket or minimum raise, a lower maximum raise), the listed investors must
 * reconfirm their commitments by {@code reconfirmBy} or they lapse.
 */
@Revision("1")
public record RoundTermsAmendedEvent(String roundId, int amendment, RoundTerms previousTerms, RoundTerms terms,
                                     String reason, boolean material, List<String> toReconfirm, Instant reconfirmBy) implements InvestmentEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

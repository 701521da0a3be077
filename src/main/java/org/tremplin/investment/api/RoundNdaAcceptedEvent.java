package org.tremplin.investment.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A user of an invited investor accepted the round's NDA at that time: the data room opens to the investor. */
@Revision("1")
public record RoundNdaAcceptedEvent(String roundId, String investorId, String userId, Instant acceptedAt) implements InvestmentEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

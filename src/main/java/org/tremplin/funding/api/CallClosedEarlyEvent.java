package org.tremplin.funding.api;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** A call was closed before its closing date: from that Paris date on it accepts no submission. */
@Revision("1")
public record CallClosedEarlyEvent(String callId, LocalDate closedOn, String reason) implements FundingEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

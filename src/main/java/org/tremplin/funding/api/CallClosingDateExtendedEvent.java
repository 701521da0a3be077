package org.tremplin.funding.api;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** A call's closing date was moved later, with the reason given to applicants. */
@Revision("1")
public record CallClosingDateExtendedEvent(String callId, LocalDate previousClosingDate, LocalDate closingDate,
                                           String reason) implements FundingEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

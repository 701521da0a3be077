package org.tremplin.investment.api;

import org.axonframework.serialization.Revision;

/** A document (title and reference of where it is kept) was added to the round's data room. */
@Revision("1")
public record RoundDocumentAddedEvent(String roundId, String documentId, String title, String reference) implements InvestmentEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

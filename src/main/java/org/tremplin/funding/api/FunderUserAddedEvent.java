package org.tremplin.funding.api;

import org.axonframework.serialization.Revision;

/** A user now acts for a funder (publishes and manages the funder's calls for projects). */
@Revision("1")
public record FunderUserAddedEvent(String funderId, String userId) implements FundingEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

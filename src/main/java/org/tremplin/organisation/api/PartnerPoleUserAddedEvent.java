package org.tremplin.organisation.api;

import org.axonframework.serialization.Revision;

/** A user now acts for a partner pole: it sees the files the pole is asked to label and decides its co-labels. */
@Revision("1")
public record PartnerPoleUserAddedEvent(String poleId, String userId) implements OrganisationEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

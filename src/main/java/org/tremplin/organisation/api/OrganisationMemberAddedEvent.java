package org.tremplin.organisation.api;

import org.axonframework.serialization.Revision;

/** A user now acts for an organisation (signs its NDAs, carries its projects, sees its files). */
@Revision("1")
public record OrganisationMemberAddedEvent(String organisationId, String userId) implements OrganisationEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

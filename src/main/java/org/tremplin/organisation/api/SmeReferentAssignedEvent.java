package org.tremplin.organisation.api;

import org.axonframework.serialization.Revision;

/**
 * A pole staff member became an SME's referent; {@code previousReferentUserId} names the referent it replaces
 * ({@code null} for the first one). A change of referent is a new event of this type.
 */
@Revision("1")
public record SmeReferentAssignedEvent(String organisationId, String referentUserId, String previousReferentUserId)
        implements OrganisationEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

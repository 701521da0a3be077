package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

/** An organisation was invited to join the project's consortium. */
@Revision("1")
public record PartnerInvitedEvent(String projectId, String organisationId, String organisationName,
                                  org.tremplin.organisation.api.OrganisationKind organisationKind) implements ProjectEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

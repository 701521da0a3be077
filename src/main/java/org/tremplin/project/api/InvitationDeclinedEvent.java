package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

/** An invited organisation declined to join the consortium, with its reason. */
@Revision("1")
public record InvitationDeclinedEvent(String projectId, String organisationId, String reason) implements ProjectEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

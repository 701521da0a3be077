package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

/** A partner organisation signed the project's non-disclosure agreement and may now read its file. */
@Revision("1")
public record NdaSignedEvent(String projectId, String organisationId, String signatoryUserId) implements ProjectEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

import java.util.List;

/** Every consortium member signed the agreement's version {@code agreementVersion}: the agreement is in force. */
@Revision("1")
public record ConsortiumAgreementFullySignedEvent(String agreementId, String projectId, int agreementVersion,
                                                  List<String> organisationIds) implements ProjectEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

/** A consortium member signed the agreement's version {@code agreementVersion}; {@code signatoryUserId} signed for it. */
@Revision("1")
public record ConsortiumAgreementSignedEvent(String agreementId, String projectId, String organisationId,
                                             int agreementVersion, String signatoryUserId) implements ProjectEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

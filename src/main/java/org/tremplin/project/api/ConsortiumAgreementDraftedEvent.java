package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

import java.util.List;

/** The project's consortium agreement was drafted from a model version: its version 1, open for signatures. */
@Revision("1")
public record ConsortiumAgreementDraftedEvent(String agreementId, String projectId, String modelId, int modelVersion,
                                              int agreementVersion, List<PartnerAgreementTerms> partners,
                                              String draftedBy) implements ProjectEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

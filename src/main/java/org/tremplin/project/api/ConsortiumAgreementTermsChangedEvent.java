package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * The terms of the consortium agreement changed: a new agreement version, open for signatures again.
 * {@code voidedSignatures} names the organisations whose signatures of the earlier version no longer count (empty when
 * nobody had signed).
 */
@Revision("1")
public record ConsortiumAgreementTermsChangedEvent(String agreementId, String projectId, String modelId,
                                                   int modelVersion, int agreementVersion,
                                                   List<PartnerAgreementTerms> partners, String changedBy,
                                                   List<String> voidedSignatures) implements ProjectEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

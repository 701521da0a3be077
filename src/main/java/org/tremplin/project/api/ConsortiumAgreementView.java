package org.tremplin.project.api;

import java.time.Instant;
import java.util.List;

/**
 * A project's consortium agreement: the model version it starts from, its current version and terms, the signatures of
 * the current version, and its status ({@code SIGNING} until every member signed it, then {@code FULLY_SIGNED}).
 */
public record ConsortiumAgreementView(String agreementId, String projectId, String modelId, int modelVersion,
                                      int version, String status, List<PartnerAgreementTerms> partners,
                                      List<Signature> signatures, Instant updatedAt, Instant fullySignedAt) {

    /** A signature of the current version. */
    public record Signature(String organisationId, int agreementVersion, String signatoryUserId, Instant signedAt) {
    }
}

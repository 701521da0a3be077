package org.tremplin.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Staff or the carrier state the consortium agreement's terms, from one model version: the first time drafts the
 * agreement (version 1); every later time is a new version that reopens signing. {@code members} are the project's
 * consortium members as the web layer read them (the carrier and the partners who joined); only they may appear.
 */
public record SetConsortiumAgreementTermsCommand(@TargetAggregateIdentifier String agreementId, String projectId,
                                                 String modelId, int modelVersion, List<String> members,
                                                 List<PartnerAgreementTerms> partners, String changedBy) {

    /** One consortium agreement per project. */
    public static String idOf(String projectId) {
        return "CA-" + projectId;
    }
}

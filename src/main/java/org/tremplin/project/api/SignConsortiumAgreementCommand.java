package org.tremplin.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * A user of a consortium member signs the agreement for that organisation, naming the version it read (a signature of
 * a replaced version is refused). {@code members} are the consortium members as the web layer read them: every one
 * must appear in the terms before anyone signs.
 */
public record SignConsortiumAgreementCommand(@TargetAggregateIdentifier String agreementId, String organisationId,
                                             int agreementVersion, String signatoryUserId, List<String> members) {
}

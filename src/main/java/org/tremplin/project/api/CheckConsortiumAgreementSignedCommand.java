package org.tremplin.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * The gate of a step the pole's rule puts behind the agreement ({@code step}: "labelling", "the first convention"):
 * refused, naming the missing signatures, unless the current version is signed by every one of {@code members}.
 * Records nothing.
 */
public record CheckConsortiumAgreementSignedCommand(@TargetAggregateIdentifier String agreementId, String projectId,
                                                    List<String> members, String step) {
}

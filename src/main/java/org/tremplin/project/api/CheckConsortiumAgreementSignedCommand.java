package org.tremplin.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.Map;

/**
 * The gate of a step the pole's rule puts behind the agreement ({@code step}: "labelling", "the first convention"):
 * refused, naming the missing signatures, unless the current version is signed by every one of {@code members}.
 * Records nothing. {@code names} gives the members' names for the refusal (an id without a name is shown as is).
 */
public record CheckConsortiumAgreementSignedCommand(@TargetAggregateIdentifier String agreementId, String projectId,
                                                    List<String> members, Map<String, String> names,
                                                    String step) {
}

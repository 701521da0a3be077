package org.tremplin.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * The carrier contests a communicated label refusal, with its arguments. {@code organisationIds} are the organisations
 * the contesting user acts for: only the carrier organisation may contest.
 */
public record ContestRefusalCommand(@TargetAggregateIdentifier String projectId, List<String> organisationIds,
                                    String arguments) {
}

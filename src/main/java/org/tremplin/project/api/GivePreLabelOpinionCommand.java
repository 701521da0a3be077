package org.tremplin.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * One pole staff member or expert answers a pending pre-label: an opinion, advice (required) and, for
 * {@link PreLabelOpinion#GO_WITH_CHANGES}, the changes required. {@code expertOrganisationIds} are the organisations
 * the expert acts for and {@code consortiumOrganisationIds} the project's carrier and partners now: an expert acting
 * for a member of the consortium is refused, as a reviewer is.
 */
public record GivePreLabelOpinionCommand(@TargetAggregateIdentifier String preLabelId, PreLabelOpinion opinion,
                                         String advice, List<String> requiredChanges, String expert,
                                         List<String> expertOrganisationIds, List<String> consortiumOrganisationIds) {
}

package org.tremplin.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Pole staff decide a contested refusal: confirm it ({@code confirmRefusal} true) with reasons, or send the file back
 * to a new review by other reviewers.
 */
public record DecideRedressCommand(@TargetAggregateIdentifier String projectId, Boolean confirmRefusal, String reasons) {
}

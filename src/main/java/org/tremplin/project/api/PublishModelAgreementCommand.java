package org.tremplin.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Pole staff publish a version of a model consortium agreement: the first version creates the model, each later one
 * must be the next number. Older versions stay readable.
 */
public record PublishModelAgreementCommand(@TargetAggregateIdentifier String modelId, int version, String title,
                                           String clauses, int defaultConfidentialityYears, String publishedBy) {
}

package org.tremplin.project.api;

import java.time.Instant;

/** One published version of a model consortium agreement. */
public record ModelAgreementView(String modelId, int version, String title, String clauses,
                                 int defaultConfidentialityYears, String publishedBy, Instant publishedAt) {
}

package org.tremplin.funding.api;

/** Answers a {@link FundingSummaryView} (empty when the project has no funding yet). */
public record FindFundingSummaryQuery(String projectId) {
}

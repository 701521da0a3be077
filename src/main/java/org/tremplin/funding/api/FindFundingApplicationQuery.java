package org.tremplin.funding.api;

/** Answers an {@code Optional<FundingApplicationView>}. */
public record FindFundingApplicationQuery(String applicationId) {
}

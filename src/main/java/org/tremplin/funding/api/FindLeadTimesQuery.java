package org.tremplin.funding.api;

/** Answers a {@link LeadTimeStatsView} for one funder, or for every funder when {@code funderId} is null. */
public record FindLeadTimesQuery(String funderId) {
}

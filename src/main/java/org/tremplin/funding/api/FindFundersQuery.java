package org.tremplin.funding.api;

/** Answers the funders, by name, as a list of {@link FunderView}; the kind filter is optional. */
public record FindFundersQuery(FunderKind kind) {
}

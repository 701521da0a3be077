package org.tremplin.funding.api;

/** Answers the list of funder ids the user acts for. */
public record FindFundersOfUserQuery(String userId) {
}

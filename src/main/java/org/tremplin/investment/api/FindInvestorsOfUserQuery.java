package org.tremplin.investment.api;

/** Answers the list of investor ids the user acts for. */
public record FindInvestorsOfUserQuery(String userId) {
}

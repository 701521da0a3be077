package org.tremplin.investment.api;

/** Answers the investors by name, optionally of one kind. */
public record FindInvestorsQuery(InvestorKind kind) {
}

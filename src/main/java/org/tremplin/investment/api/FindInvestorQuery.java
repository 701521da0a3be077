package org.tremplin.investment.api;

/** Answers an {@code Optional<InvestorView>}. */
public record FindInvestorQuery(String investorId) {
}

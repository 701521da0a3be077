package org.tremplin.investment.api;

/** Answers an {@code Optional<RoundView>}: the whole round, before access rules are applied by the web layer. */
public record FindRoundQuery(String roundId) {
}

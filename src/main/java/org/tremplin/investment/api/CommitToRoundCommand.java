package org.tremplin.investment.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;

/** Commits an amount in whole euros, or changes the investor's commitment (which also reconfirms it). */
public record CommitToRoundCommand(@TargetAggregateIdentifier String roundId, String investorId, BigDecimal amount) {
}

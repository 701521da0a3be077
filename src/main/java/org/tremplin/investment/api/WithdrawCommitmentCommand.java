package org.tremplin.investment.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record WithdrawCommitmentCommand(@TargetAggregateIdentifier String roundId, String investorId, String reason) {
}

package org.tremplin.investment.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record InviteInvestorCommand(@TargetAggregateIdentifier String roundId, String investorId) {
}

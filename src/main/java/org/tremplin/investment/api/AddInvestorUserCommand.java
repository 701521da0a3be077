package org.tremplin.investment.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AddInvestorUserCommand(@TargetAggregateIdentifier String investorId, String userId) {
}

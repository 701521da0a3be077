package org.tremplin.investment.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReconfirmCommitmentCommand(@TargetAggregateIdentifier String roundId, String investorId) {
}

package org.tremplin.investment.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record AcceptRoundNdaCommand(@TargetAggregateIdentifier String roundId, String investorId, String userId,
                                    Instant acceptedAt) {
}

package org.tremplin.investment.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The reconfirmation deadline of an amendment passed: commitments still awaiting reconfirmation lapse. */
public record LapseUnconfirmedCommitmentsCommand(@TargetAggregateIdentifier String roundId, int amendment) {
}

package org.tremplin.investment.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** Closes the round at its closing date or early ({@code early}, with the reason); answers the {@link RoundStatus} reached. */
public record CloseRoundCommand(@TargetAggregateIdentifier String roundId, LocalDate closedOn, boolean early,
                                String reason) {
}

package org.tremplin.investment.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An invited investor's answer to the invitation task: the round's NDA accepted by {@code userId} (unless the investor
 * accepted it already, e.g. through the API), then, when an amount is given, the commitment in whole euros. The round
 * decides from its own state; a refused commitment stores nothing, the NDA included.
 */
public record AnswerInvitationCommand(
        @TargetAggregateIdentifier String roundId,
        String investorId,
        String userId,
        Instant acceptedAt,
        BigDecimal commitment) {
}

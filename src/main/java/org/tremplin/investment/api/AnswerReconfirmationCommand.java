package org.tremplin.investment.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An investor's answer to the reconfirmation task after a material change of terms: reconfirm the commitment, or
 * withdraw it with the reason. The round decides from its own state: a commitment no longer awaiting reconfirmation
 * (reconfirmed or withdrawn meanwhile through the API) is left as it is and nothing is recorded.
 */
public record AnswerReconfirmationCommand(
        @TargetAggregateIdentifier String roundId,
        String investorId,
        boolean reconfirm,
        String withdrawalReason) {
}

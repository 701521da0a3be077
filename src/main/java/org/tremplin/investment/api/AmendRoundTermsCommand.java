package org.tremplin.investment.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Replaces the round's terms; a material change requires every committed investor to reconfirm by {@code reconfirmBy}. */
public record AmendRoundTermsCommand(@TargetAggregateIdentifier String roundId, RoundTerms terms, String reason,
                                     Instant reconfirmBy) {

    /** Default time investors have to reconfirm after a material change (ISO-8601). */
    public static final String DEFAULT_RECONFIRMATION_PERIOD = "P10D";
}

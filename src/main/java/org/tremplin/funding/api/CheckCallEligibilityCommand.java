package org.tremplin.funding.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tremplin.organisation.api.OrganisationKind;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;

/**
 * Asks the call whether it accepts an application submitted on that Paris date by a consortium of those
 * partner kinds, labelled or not, of that total eligible cost (euros; may be null when the call sets no
 * maximum). Stores nothing: it returns normally when the application is eligible and throws a
 * {@code DomainException} otherwise (RULE_VIOLATED, naming every unmet criterion and the call's window).
 * A process step sends it in the same transaction as the step that files the application.
 */
public record CheckCallEligibilityCommand(
        @TargetAggregateIdentifier String callId,
        LocalDate submittedOn,
        Set<OrganisationKind> partnerKinds,
        boolean labelled,
        BigDecimal totalEligibleCost) {
}

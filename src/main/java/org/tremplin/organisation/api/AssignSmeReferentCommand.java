package org.tremplin.organisation.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Names a pole staff member as an SME's referent: its contact at the pole, offered its set-up tasks first.
 * {@code referentIsPoleStaff} is what the identity store says of the user when the command is sent (the aggregate
 * refuses a user outside pole staff).
 */
public record AssignSmeReferentCommand(@TargetAggregateIdentifier String organisationId, String referentUserId,
                                       boolean referentIsPoleStaff) {
}

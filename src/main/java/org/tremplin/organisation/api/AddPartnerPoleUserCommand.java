package org.tremplin.organisation.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Pole staff let a user of the partner-pole group act for a partner pole: decide its co-labels. */
public record AddPartnerPoleUserCommand(@TargetAggregateIdentifier String poleId, String userId) {
}

package org.tremplin.funding.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

public record ExtendCallClosingDateCommand(@TargetAggregateIdentifier String callId, LocalDate closingDate, String reason) {
}

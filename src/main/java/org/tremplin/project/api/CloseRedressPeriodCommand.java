package org.tremplin.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent by the redress deadline timer: a refusal nobody contested in time becomes final (nothing if already contested). */
public record CloseRedressPeriodCommand(@TargetAggregateIdentifier String projectId) {
}

package org.tremplin.funding.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CloseCallEarlyCommand(@TargetAggregateIdentifier String callId, String reason) {
}

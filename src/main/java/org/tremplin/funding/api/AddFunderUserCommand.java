package org.tremplin.funding.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AddFunderUserCommand(@TargetAggregateIdentifier String funderId, String userId) {
}

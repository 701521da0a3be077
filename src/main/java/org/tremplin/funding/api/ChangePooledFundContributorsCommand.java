package org.tremplin.funding.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

public record ChangePooledFundContributorsCommand(
        @TargetAggregateIdentifier String funderId,
        List<PooledFundContributor> contributors) {
}

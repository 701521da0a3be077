package org.tremplin.funding.api;

import org.axonframework.serialization.Revision;

import java.util.List;

/** A pooled fund's contributors and their shares were replaced by these (still summing to 100%). */
@Revision("1")
public record PooledFundContributorsChangedEvent(String funderId, List<PooledFundContributor> contributors) implements FundingEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

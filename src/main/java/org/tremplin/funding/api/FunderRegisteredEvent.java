package org.tremplin.funding.api;

import org.axonframework.serialization.Revision;

import java.util.List;
import java.util.Map;

/**
 * A funder was registered with its kind, the months within which a selected project must be contracted,
 * its service level in days for every funding stage and, for a pooled fund, its contributors' shares.
 */
@Revision("1")
public record FunderRegisteredEvent(
        String funderId,
        String code,
        String name,
        FunderKind kind,
        int contractingDeadlineMonths,
        Map<FundingStage, Integer> serviceLevelDays,
        List<PooledFundContributor> contributors) implements FundingEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

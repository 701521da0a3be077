package org.tremplin.funding.api;

import org.axonframework.serialization.Revision;

import java.util.Map;

/** A funder's contracting deadline and service levels per funding stage were replaced by these. */
@Revision("1")
public record ServiceLevelsChangedEvent(
        String funderId,
        int contractingDeadlineMonths,
        Map<FundingStage, Integer> serviceLevelDays) implements FundingEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

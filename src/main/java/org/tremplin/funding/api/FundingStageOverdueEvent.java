package org.tremplin.funding.api;

import org.axonframework.serialization.Revision;

/**
 * A stage of an application or convention ran past the funder's service level; pole staff must chase.
 */
@Revision("1")
public record FundingStageOverdueEvent(
        String applicationId,
        String conventionId,
        String projectId,
        String funderId,
        FundingStage stage,
        int serviceLevelDays) implements FundingEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

package org.tremplin.funding.api;

import org.axonframework.serialization.Revision;

/**
 * Pole staff recorded what they did about an overdue stage.
 */
@Revision("1")
public record OverdueStageChasedEvent(
        String applicationId,
        String conventionId,
        String projectId,
        String funderId,
        FundingStage stage,
        String action) implements FundingEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

package org.tremplin.funding.api;

import java.time.Instant;
import java.util.List;

/**
 * A stage of an application (conventionId null) or of a convention that ran past the funder's service level,
 * with what pole staff did about it, oldest first.
 */
public record OverdueStageView(
        FundingStage stage,
        String applicationId,
        String conventionId,
        int serviceLevelDays,
        Instant reportedAt,
        String reportedBy,
        List<ChaseAction> chaseActions) {

    public record ChaseAction(String action, String actor, Instant at) {
    }
}

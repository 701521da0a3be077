package org.tremplin.funding.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A stage of an application (or of one of its conventions, when the convention id is given) has run past
 * the funder's service level: recorded, and pole staff get an escalation task.
 */
public record ReportOverdueStageCommand(
        @TargetAggregateIdentifier String applicationId,
        String conventionId,
        FundingStage stage,
        int serviceLevelDays) {
}

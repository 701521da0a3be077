package org.tremplin.funding.api;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records the funder's decision on an application, taken on that Paris date: grants per partner (partial
 * grants are normal, never above the partner's request) or a rejection; reasons are required for a rejection and
 * for a partial grant.
 */
public record RecordFundingDecisionCommand(
        @TargetAggregateIdentifier String applicationId,
        boolean granted,
        List<PartnerGrant> grants,
        String reasons,
        LocalDate decidedOn) {
}

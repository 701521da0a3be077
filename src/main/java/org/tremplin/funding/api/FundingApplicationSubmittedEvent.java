package org.tremplin.funding.api;

import java.math.BigDecimal;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A project applied to a funder's call: every partner's request, with the rate and maximum the funder's
 * table gives it, and the months within which a grant must be contracted.
 */
@Revision("1")
public record FundingApplicationSubmittedEvent(
        String applicationId,
        String projectId,
        String callId,
        String callCode,
        String funderId,
        FunderKind funderKind,
        boolean labelled,
        int contractingDeadlineMonths,
        List<RequestedAid> requests,
        BigDecimal requestedTotal) implements FundingEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

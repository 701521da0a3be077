package org.tremplin.funding.api;

import org.axonframework.serialization.Revision;

/**
 * The funder accepted the partner's final report: the final balance may be paid.
 */
@Revision("1")
public record FinalReportAcceptedEvent(
        String applicationId,
        String conventionId,
        String projectId,
        String funderId,
        String organisationId,
        String comment) implements FundingEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

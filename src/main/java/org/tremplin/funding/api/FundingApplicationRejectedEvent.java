package org.tremplin.funding.api;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * The funder rejected the application, with its reasons.
 */
@Revision("1")
public record FundingApplicationRejectedEvent(
        String applicationId,
        String projectId,
        String funderId,
        String reasons,
        LocalDate decidedOn) implements FundingEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

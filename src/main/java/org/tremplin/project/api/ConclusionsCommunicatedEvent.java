package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

/** The committee's decision and the experts' conclusions were delivered to the carrier. */
@Revision("1")
public record ConclusionsCommunicatedEvent(String projectId, String carrierOrganisationId, boolean labelGranted, String reasons,
                                           java.util.List<CommunicatedReview> reviews, String message) implements ProjectEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

/** Pole staff upheld the carrier's contest: the file goes back to a new review by other reviewers than {@code formerReviewerIds} (who may not be assigned again); the reasons are delivered to the carrier. */
@Revision("1")
public record FileSentBackForReviewEvent(String projectId, String carrierOrganisationId, String reasons, java.util.List<String> formerReviewerIds) implements ProjectEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

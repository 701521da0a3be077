package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

/** The carrier asked for a pre-label (round {@code round} of the project's pre-label file); an opinion is now owed. */
@Revision("1")
public record PreLabelRequestedEvent(String preLabelId, String projectId, int round, String carrierOrganisationId,
                                     String requestedBy, String note) implements ProjectEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

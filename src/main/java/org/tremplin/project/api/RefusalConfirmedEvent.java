package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

/** Pole staff heard the carrier's contest and confirmed the label refusal, with reasons delivered to the carrier; the refusal is final. */
@Revision("1")
public record RefusalConfirmedEvent(String projectId, String carrierOrganisationId, String reasons) implements ProjectEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

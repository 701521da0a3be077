package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

/** The redress period ended without a contest: the label refusal is final, and the carrier is told so. */
@Revision("1")
public record RedressDeadlinePassedEvent(String projectId, String carrierOrganisationId, java.time.LocalDate redressDeadline) implements ProjectEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

/** The carrier contested the communicated label refusal within the redress period, with its arguments. */
@Revision("1")
public record RefusalContestedEvent(String projectId, String carrierOrganisationId, String arguments, java.time.LocalDate redressDeadline) implements ProjectEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

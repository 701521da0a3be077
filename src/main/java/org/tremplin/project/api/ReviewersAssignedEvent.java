package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

/** Pole staff assigned the experts who review the project file, and the date their reviews are due. */
@Revision("1")
public record ReviewersAssignedEvent(String projectId, java.util.List<String> reviewerIds, java.time.LocalDate reviewDeadline) implements ProjectEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

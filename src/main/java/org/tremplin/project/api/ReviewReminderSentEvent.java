package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

/** An expert whose review was past its due date was reminded. */
@Revision("1")
public record ReviewReminderSentEvent(String projectId, String reviewerId, java.time.LocalDate reviewDeadline) implements ProjectEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

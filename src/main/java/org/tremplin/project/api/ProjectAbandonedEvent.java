package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

/** The project was abandoned before the end of labelling, with the reason given. */
@Revision("1")
public record ProjectAbandonedEvent(String projectId, String reason, ProjectStatus statusWhenAbandoned) implements ProjectEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

/** The project's first convention was signed: its R&amp;D started (the funding of other funders may still be under way). */
@Revision("1")
public record ResearchStartedEvent(String projectId) implements ProjectEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

/**
 * The project closed: every funder's application was decided and every convention paid to its balance, lapsed or
 * withdrawn.
 */
@Revision("1")
public record ProjectClosedEvent(String projectId) implements ProjectEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

/**
 * The pending pre-label round was closed without an opinion, with the reason (e.g. "Project abandoned: …"); no expert
 * answers it any more. {@code closedBy} is the user whose step closed it.
 */
@Revision("1")
public record PreLabelRoundClosedEvent(String preLabelId, String projectId, int round, String reason, String closedBy)
        implements ProjectEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

/** A project asked a partner pole for its label; the pole's users now owe it a decision. */
@Revision("1")
public record CoLabelRequestedEvent(String coLabelId, String projectId, String poleId, String poleName, String requestedBy,
                                    String message) implements ProjectEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

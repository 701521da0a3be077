package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

/** A partner pole refused its label to the project, with its conclusions. */
@Revision("1")
public record CoLabelRefusedEvent(String coLabelId, String projectId, String poleId, String decidedBy,
                                  String conclusions) implements ProjectEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

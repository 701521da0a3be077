package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

/** A partner pole granted its label to the project (co-labelling), with its conclusions. */
@Revision("1")
public record CoLabelGrantedEvent(String coLabelId, String projectId, String poleId, String decidedBy,
                                  String conclusions) implements ProjectEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

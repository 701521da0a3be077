package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

/** The carrier (or pole staff) withdrew a pending request for a partner pole's label; the pole may be asked again. */
@Revision("1")
public record CoLabelRequestWithdrawnEvent(String coLabelId, String projectId, String poleId, String withdrawnBy,
                                           String reason) implements ProjectEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

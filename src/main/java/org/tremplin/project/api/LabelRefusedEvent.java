package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

/** The labelling committee refused the cluster's label, with its reasons. */
@Revision("1")
public record LabelRefusedEvent(String projectId, String reasons, java.math.BigDecimal averageScore) implements ProjectEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

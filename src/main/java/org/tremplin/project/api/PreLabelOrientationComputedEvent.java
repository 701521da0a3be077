package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

/** The funding orientation of a pre-label's round, as computed from the open calls, the rates and the lead times. */
@Revision("1")
public record PreLabelOrientationComputedEvent(String preLabelId, String projectId, int round,
                                               PreLabelOrientation orientation) implements ProjectEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

/** An assigned expert recorded conclusions, a score out of 20 and a recommendation. */
@Revision("1")
public record ReviewRecordedEvent(String projectId, String reviewerId, int score, Recommendation recommendation,
                                  String conclusions) implements ProjectEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

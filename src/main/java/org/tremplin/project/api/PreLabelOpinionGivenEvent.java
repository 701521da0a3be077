package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

import java.util.List;

/** A pole staff member or expert gave the pre-label's opinion, with advice; the round is answered. */
@Revision("1")
public record PreLabelOpinionGivenEvent(String preLabelId, String projectId, int round, PreLabelOpinion opinion,
                                        String advice, List<String> requiredChanges, String expert)
        implements ProjectEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

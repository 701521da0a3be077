package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

import java.util.List;

/** The labelled project entered its funding stage: pole staff chose the calls it applies to. */
@Revision("1")
public record FundingCallsChosenEvent(String projectId, List<String> callIds) implements ProjectEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

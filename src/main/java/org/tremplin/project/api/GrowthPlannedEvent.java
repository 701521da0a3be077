package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

/**
 * Pole staff planned the closed project's growth stage: they opened an investment round for the carrier ({@code roundId})
 * or decided not to open one now ({@code roundId} null; a round can still be opened later).
 */
@Revision("1")
public record GrowthPlannedEvent(String projectId, String roundId) implements ProjectEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

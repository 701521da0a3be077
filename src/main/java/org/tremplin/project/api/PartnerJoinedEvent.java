package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

/** An invited organisation joined the consortium with a role and a planned budget in euros. */
@Revision("1")
public record PartnerJoinedEvent(String projectId, String organisationId, String role, java.math.BigDecimal plannedBudget) implements ProjectEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

/** The consortium met the consortium rule and the project entered labelling. */
@Revision("1")
public record ProjectSubmittedForLabellingEvent(String projectId, int companies, int researchLabs,
                                                org.tremplin.organisation.api.OrganisationKind leadKind,
                                                java.math.BigDecimal totalPlannedBudget) implements ProjectEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

/** A member organisation submitted a project idea to a thematic axis; it leads the consortium to come. */
@Revision("1")
public record IdeaSubmittedEvent(String projectId, String title, String summary, String thematicAxis,
                                 ConfidentialityLevel confidentiality, String carrierOrganisationId, String carrierName,
                                 org.tremplin.organisation.api.OrganisationKind carrierKind,
                                 java.math.BigDecimal carrierPlannedBudget) implements ProjectEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

package org.tremplin.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record SubmitIdeaCommand(@TargetAggregateIdentifier String projectId, String title, String summary, String thematicAxis,
                                ConfidentialityLevel confidentiality, PartnerOrganisation carrier,
                                java.math.BigDecimal carrierPlannedBudget) {
}

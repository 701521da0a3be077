package org.tremplin.funding.api;

import java.math.BigDecimal;
import org.tremplin.organisation.api.OrganisationKind;

/**
 * What one partner asks a funder for: its eligible costs split into industrial research and experimental
 * development (euros, cents), and the amount requested. Kind and territory are resolved from the organisation
 * registry by the step that files the application.
 */
public record PartnerRequest(
        String organisationId,
        OrganisationKind partnerKind,
        boolean inTerritory,
        BigDecimal industrialResearchCost,
        BigDecimal experimentalDevelopmentCost,
        BigDecimal requestedAmount) {
}

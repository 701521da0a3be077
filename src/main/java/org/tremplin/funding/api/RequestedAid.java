package org.tremplin.funding.api;

import java.math.BigDecimal;
import org.tremplin.organisation.api.OrganisationKind;

/**
 * One partner's request as recorded: its costs, the rate the funder's table gives it, where the rate comes
 * from, the maximum it may ask (rate times eligible costs, rounded down to the cent) and what it asked.
 */
public record RequestedAid(
        String organisationId,
        OrganisationKind partnerKind,
        boolean inTerritory,
        BigDecimal industrialResearchCost,
        BigDecimal experimentalDevelopmentCost,
        BigDecimal ratePercent,
        String rateSource,
        BigDecimal maxAmount,
        BigDecimal requestedAmount) {
}

package org.tremplin.funding.api;

import org.tremplin.organisation.api.OrganisationKind;

import java.math.BigDecimal;

/**
 * One partner of an application as the state-aid ledger needs it: its kind and its eligible costs per research
 * category (the facts from which the ledger works out effective collaboration and the partner's own costs).
 */
public record StateAidParticipant(
        String organisationId,
        OrganisationKind kind,
        BigDecimal industrialResearchCost,
        BigDecimal experimentalDevelopmentCost) {
}

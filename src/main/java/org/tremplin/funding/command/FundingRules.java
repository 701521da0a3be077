package org.tremplin.funding.command;

import org.tremplin.funding.api.EnterpriseSize;
import org.tremplin.funding.api.FunderKind;
import org.tremplin.organisation.api.OrganisationKind;

import java.math.BigDecimal;

/**
 * The funding rules kept as decision tables ({@code bpmn/funding-rates.dmn}, {@code bpmn/state-aid-ceiling.dmn}),
 * as the aggregates ask them. Injected into command handlers; implemented in {@code funding.process} by the DMN
 * engine, so aggregates never see the engine.
 */
public interface FundingRules {

    /** The aid rate a funder's call gives a partner, in percent of its eligible costs, with its source. */
    Rate rate(FunderKind funderKind, String callCode, OrganisationKind partnerKind, boolean inTerritory, boolean labelled);

    /** The EU aid-intensity ceilings for a partner, per research category, in percent of eligible costs. */
    Ceiling ceiling(EnterpriseSize size, boolean effectiveCollaboration);

    record Rate(BigDecimal percent, String source) {
    }

    record Ceiling(BigDecimal industrialResearchPercent, BigDecimal experimentalDevelopmentPercent, String note) {
    }
}

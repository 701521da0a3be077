package org.tremplin.funding.api;

import java.math.BigDecimal;
import org.axonframework.serialization.Revision;

/**
 * A grant was added to a partner's cross-funder state-aid ledger: the ceiling for its size and research
 * categories, the total public aid after it and, when that total exceeds the ceiling, the justification an
 * authorised person gave for accepting it.
 */
@Revision("1")
public record StateAidRecordedEvent(
        String ledgerId,
        String projectId,
        String organisationId,
        String applicationId,
        String funderId,
        EnterpriseSize enterpriseSize,
        boolean effectiveCollaboration,
        BigDecimal industrialResearchCost,
        BigDecimal experimentalDevelopmentCost,
        BigDecimal industrialResearchCeilingPercent,
        BigDecimal experimentalDevelopmentCeilingPercent,
        BigDecimal ceilingAmount,
        BigDecimal amount,
        BigDecimal totalAid,
        boolean overCeiling,
        String justification) implements FundingEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

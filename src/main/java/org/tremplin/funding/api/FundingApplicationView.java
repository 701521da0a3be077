package org.tremplin.funding.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A funding application as recorded: every partner's request (costs, rate and its source, maximum, amount asked)
 * and, once decided, its grant and convention; the decision's reasons and dates; its overdue stages.
 * Amounts in euros with two decimals; {@code grantedTotal} is null until the application is granted.
 */
public record FundingApplicationView(
        String id,
        String projectId,
        String callId,
        String callCode,
        String funderId,
        String funderName,
        FunderKind funderKind,
        boolean labelled,
        ApplicationStatus status,
        BigDecimal requestedTotal,
        BigDecimal grantedTotal,
        boolean partial,
        String reasons,
        LocalDate decidedOn,
        int contractingDeadlineMonths,
        LocalDate contractingDeadline,
        Instant submittedAt,
        String submittedBy,
        Instant decidedAt,
        String decidedBy,
        List<PartnerAid> partners,
        List<String> conventionIds,
        List<OverdueStageView> overdueStages) {

    /** One partner's request and, once granted, its grant and convention. */
    public record PartnerAid(
            String organisationId,
            org.tremplin.organisation.api.OrganisationKind partnerKind,
            boolean inTerritory,
            BigDecimal industrialResearchCost,
            BigDecimal experimentalDevelopmentCost,
            BigDecimal ratePercent,
            String rateSource,
            BigDecimal maxAmount,
            BigDecimal requestedAmount,
            BigDecimal grantedAmount,
            BigDecimal grantedRatePercent,
            String conventionId) {
    }
}

package org.tremplin.funding.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/**
 * A project's funding: totals over every funder, then per funder its applications (with their status) and its
 * partners' conventions, and per partner the cross-funder state-aid ledger. Amounts in euros with two decimals.
 * <ul>
 *     <li>{@code requestedTotal}: what the applications asked (rejected ones included);</li>
 *     <li>{@code grantedTotal}: the conventions' current grants (after amendments), lapsed ones included;</li>
 *     <li>{@code paidTotal}: every payment; {@code releasedTotal}: grants given up (lapse, withdrawal, closing
 *     below the grant); {@code remainingTotal}: what is still to be paid on open conventions.</li>
 * </ul>
 */
public record FundingSummaryView(
        String projectId,
        BigDecimal requestedTotal,
        BigDecimal grantedTotal,
        BigDecimal paidTotal,
        BigDecimal releasedTotal,
        BigDecimal remainingTotal,
        List<FunderPart> funders,
        List<PartnerStateAid> stateAid) {

    public record FunderPart(
            String funderId,
            String funderName,
            BigDecimal requestedTotal,
            BigDecimal grantedTotal,
            BigDecimal paidTotal,
            BigDecimal releasedTotal,
            BigDecimal remainingTotal,
            List<ApplicationLine> applications,
            List<PartnerLine> partners) {
    }

    public record ApplicationLine(
            String applicationId,
            String callCode,
            ApplicationStatus status,
            BigDecimal requestedTotal,
            BigDecimal grantedTotal,
            LocalDate decidedOn) {
    }

    public record PartnerLine(
            String organisationId,
            String applicationId,
            String conventionId,
            ConventionStatus conventionStatus,
            BigDecimal grantedAmount,
            BigDecimal paidTotal,
            BigDecimal releasedAmount,
            BigDecimal remaining) {
    }

    /**
     * A partner's state-aid ledger for the project: its total public aid and ceiling (null when seen by one funder
     * only: cross-funder figures), and every aid recorded in it, with the justification of an aid over the ceiling.
     */
    public record PartnerStateAid(
            String organisationId,
            String ledgerId,
            BigDecimal totalAid,
            BigDecimal ceilingAmount,
            Boolean overCeiling,
            List<AidLine> aids) {
    }

    public record AidLine(
            String applicationId,
            String funderId,
            BigDecimal amount,
            BigDecimal releasedAmount,
            BigDecimal ceilingAmount,
            BigDecimal totalAidAfter,
            boolean overCeiling,
            String justification,
            Instant recordedAt,
            String recordedBy) {
    }

    /**
     * Only these funders' part (what a funder's user sees): their applications and conventions, totals over them,
     * their own aid lines with the outcome of the ceiling check ({@code overCeiling}, the justification) but without
     * any cross-funder figure: no partner total, no ceiling, no total after the aid — from which another funder's
     * grant to the same partner could be derived.
     */
    public FundingSummaryView restrictedTo(Collection<String> funderIds) {
        List<FunderPart> parts = funders.stream().filter(f -> funderIds.contains(f.funderId())).toList();
        List<PartnerStateAid> aid = stateAid.stream()
                .map(p -> new PartnerStateAid(p.organisationId(), p.ledgerId(), null, null, null,
                        p.aids().stream().filter(a -> funderIds.contains(a.funderId()))
                                .map(a -> new AidLine(a.applicationId(), a.funderId(), a.amount(), a.releasedAmount(),
                                        null, null, a.overCeiling(), a.justification(), a.recordedAt(), a.recordedBy()))
                                .toList()))
                .filter(p -> !p.aids().isEmpty())
                .toList();
        return new FundingSummaryView(projectId,
                sum(parts.stream().map(FunderPart::requestedTotal).toList()),
                sum(parts.stream().map(FunderPart::grantedTotal).toList()),
                sum(parts.stream().map(FunderPart::paidTotal).toList()),
                sum(parts.stream().map(FunderPart::releasedTotal).toList()),
                sum(parts.stream().map(FunderPart::remainingTotal).toList()),
                parts, aid);
    }

    private static BigDecimal sum(List<BigDecimal> amounts) {
        return amounts.stream().reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }
}

package org.tremplin.funding.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A partner's convention with a funder: its status, current grant (after amendments), rate and tranche schedule
 * (advance, interim cap, pooled-fund contributors), what was paid and approved, what remains to be paid (zero once
 * the convention lapsed, closed or the partner withdrew; the unpaid part is then {@code releasedAmount}), every
 * version in order (1 = the grant), its expense statements and payments in order, and its overdue stages.
 */
public record ConventionView(
        String id,
        String applicationId,
        String projectId,
        String funderId,
        String funderName,
        String organisationId,
        ConventionStatus status,
        BigDecimal grantedAmount,
        BigDecimal ratePercent,
        BigDecimal advancePercent,
        BigDecimal interimCapPercent,
        List<PooledFundContributor> contributors,
        BigDecimal paidTotal,
        BigDecimal approvedTotal,
        BigDecimal releasedAmount,
        BigDecimal remaining,
        int version,
        LocalDate contractingDeadline,
        LocalDate signedOn,
        LocalDate endDate,
        Instant grantedAt,
        Instant signedAt,
        Instant finalReportAcceptedAt,
        Instant lapsedAt,
        Instant closedAt,
        Instant withdrawnAt,
        List<Version> versions,
        List<Statement> statements,
        List<Payment> payments,
        List<OverdueStageView> overdueStages) {

    /** Kind of version 1. */
    public static final String GRANT = "GRANT";

    /** One version: {@link #GRANT} for version 1, else the {@link AmendmentKind} of the amendment. */
    public record Version(
            int version,
            String kind,
            BigDecimal grantedAmountBefore,
            BigDecimal grantedAmountAfter,
            LocalDate endDateBefore,
            LocalDate endDateAfter,
            String counterpartOrganisationId,
            String reason,
            String actor,
            Instant at) {
    }

    /** An expense statement: SUBMITTED, APPROVED or REJECTED. */
    public record Statement(
            String statementId,
            LocalDate periodEnd,
            BigDecimal amount,
            boolean finalStatement,
            String status,
            BigDecimal approvedAmount,
            BigDecimal approvedTotalAfter,
            String comment,
            String rejectionReasons,
            Instant submittedAt,
            String submittedBy,
            Instant decidedAt,
            String decidedBy) {
    }

    /** A tranche paid, with the totals after it and, for a pooled fund, its split between contributors. */
    public record Payment(
            String paymentId,
            PaymentKind kind,
            String statementId,
            BigDecimal amount,
            BigDecimal paidTotalAfter,
            BigDecimal remainingAfter,
            Instant paidAt,
            String paidBy,
            List<ContributorShare> shares,
            String paymentReference) {
    }
}

package org.tremplin.funding.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A convention as a grant ({@link FindDecidedGrantsQuery}): what the convention says today (after amendments), with
 * the decision of its application and the amount its partner applied for.
 *
 * @param funderName       the registered funder's name, null when the funder is not in the registry
 * @param releasedAmount   what a closed convention left unpaid and gave back, null when nothing was
 * @param contributors     a pooled fund's contributors for this convention, in order (empty otherwise)
 * @param payments         the tranches paid, by date then id
 * @param requestedAmount  what the partner asked for in the application, null when the application has no row for it
 */
public record DecidedGrantView(
        String conventionId,
        String projectId,
        String applicationId,
        String organisationId,
        String funderId,
        String funderName,
        ConventionStatus status,
        int version,
        BigDecimal grantedAmount,
        BigDecimal paidTotal,
        BigDecimal releasedAmount,
        LocalDate signedOn,
        LocalDate endDate,
        List<PooledFundContributor> contributors,
        List<Payment> payments,
        String callId,
        String callCode,
        LocalDate decidedOn,
        BigDecimal requestedAmount) {

    /** A tranche paid. */
    public record Payment(String paymentId, Instant paidAt, BigDecimal amount) {
    }
}

package org.tremplin.funding.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A funder's ledger: every payment it made ({@link #PAID}) or bore as a contributor of a pooled fund through its
 * share ({@link #CONTRIBUTED}), in payment order; and the totals over its own conventions (granted after
 * amendments, paid, released, remaining), plus what it bore for pooled funds.
 */
public record FunderLedgerView(
        String funderId,
        String funderName,
        FunderKind funderKind,
        BigDecimal grantedTotal,
        BigDecimal paidTotal,
        BigDecimal releasedTotal,
        BigDecimal remainingTotal,
        BigDecimal contributedTotal,
        List<Line> payments) {

    public static final String PAID = "PAID";
    public static final String CONTRIBUTED = "CONTRIBUTED";

    /**
     * One payment. {@code amount} is the whole payment; {@code borneAmount} what this funder bore of it (all of it
     * when it paid, its share when it contributed, with {@code sharePercent}); {@code shares} the pooled fund's split
     * (empty for a direct payment).
     */
    public record Line(
            String paymentId,
            String role,
            String payingFunderId,
            String projectId,
            String organisationId,
            String applicationId,
            String conventionId,
            PaymentKind kind,
            BigDecimal amount,
            BigDecimal borneAmount,
            BigDecimal sharePercent,
            Instant paidAt,
            List<ContributorShare> shares) {
    }
}

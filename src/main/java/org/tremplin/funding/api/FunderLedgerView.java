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
            List<ContributorShare> shares,
            String paymentReference) {
    }

    /**
     * What the funder's own users read: for a payment it bore as a contributor of a pooled fund, only its own share
     * (the other contributors' shares are theirs); its own payments keep their pooled-fund split.
     */
    public FunderLedgerView asSeenByItsUsers() {
        List<Line> lines = payments.stream()
                .map(l -> CONTRIBUTED.equals(l.role())
                        ? new Line(l.paymentId(), l.role(), l.payingFunderId(), l.projectId(), l.organisationId(),
                        l.applicationId(), l.conventionId(), l.kind(), l.amount(), l.borneAmount(), l.sharePercent(),
                        l.paidAt(), l.shares() == null ? List.of()
                        : l.shares().stream().filter(s -> funderId.equals(s.contributor())).toList(), l.paymentReference())
                        : l)
                .toList();
        return new FunderLedgerView(funderId, funderName, funderKind, grantedTotal, paidTotal, releasedTotal,
                remainingTotal, contributedTotal, lines);
    }
}

package org.tremplin.funding.api;

import java.math.BigDecimal;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The funder paid a tranche of a convention; the totals after it, and for a pooled fund the split of the
 * payment between its contributors, exact to the cent.
 */
@Revision("1")
public record PaymentMadeEvent(
        String applicationId,
        String conventionId,
        String projectId,
        String funderId,
        String organisationId,
        String paymentId,
        PaymentKind kind,
        String statementId,
        BigDecimal amount,
        BigDecimal paidTotal,
        BigDecimal remaining,
        List<ContributorShare> shares) {
}

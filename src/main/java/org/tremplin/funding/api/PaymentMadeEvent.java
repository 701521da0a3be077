package org.tremplin.funding.api;

import java.math.BigDecimal;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The funder paid a tranche of a convention; the totals after it, for a pooled fund the split of the payment between
 * its contributors, exact to the cent, and the payment's reference as the person recording it typed it (the funder's
 * transfer reference; {@code null} when none was given, always for an instalment paid on an approved statement).
 * <p>
 * Revision 2 added {@code paymentReference}; revision 1 payloads are upcast with none
 * ({@code org.tremplin.funding.upcasting.PaymentMadeEventUpcaster1To2}).
 */
@Revision("2")
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
        List<ContributorShare> shares,
        String paymentReference) implements FundingEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

package org.tremplin.funding.api;

import java.math.BigDecimal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Pays an interim instalment against an approved statement. A null amount pays what is due: approved
 * expenses times the rate, less what instalments already paid, within the interim cap; an explicit amount is
 * refused above that.
 */
public record PayInstalmentCommand(
        @TargetAggregateIdentifier String applicationId,
        String conventionId,
        String paymentId,
        String statementId,
        BigDecimal amount) {
}

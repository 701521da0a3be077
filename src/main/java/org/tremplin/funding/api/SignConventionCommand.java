package org.tremplin.funding.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records the signature of one partner's convention with the funder, with its tranche schedule: the
 * advance in percent of the grant, the cap of advance plus interim instalments before the final balance, in percent,
 * and the end date of the work. The pooled fund's contributors and their shares at signature are fixed in it.
 */
public record SignConventionCommand(
        @TargetAggregateIdentifier String applicationId,
        String conventionId,
        LocalDate signedOn,
        LocalDate endDate,
        BigDecimal advancePercent,
        BigDecimal interimCapPercent,
        List<PooledFundContributor> contributors) {
}

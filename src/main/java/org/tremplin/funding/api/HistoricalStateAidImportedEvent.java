package org.tremplin.funding.api;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;

/**
 * Aid received before Tremplin was added to a partner's state-aid ledger as imported history (not a grant decided
 * in Tremplin): the funder as the source names it, the amount, the ledger's total aid after it (the imported aid
 * counts towards the ceiling), what the amount covers, and where it came from (import run, source file and row).
 */
@Revision("1")
public record HistoricalStateAidImportedEvent(
        String ledgerId,
        String projectId,
        String organisationId,
        String funder,
        BigDecimal amount,
        BigDecimal totalAid,
        String note,
        String importRunId,
        String sourceFile,
        int sourceRow) implements FundingEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

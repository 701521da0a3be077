package org.tremplin.funding.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;

/**
 * Adds aid received before Tremplin (imported history: a funder's published allocation) to a partner's state-aid
 * ledger for the project, so that it counts towards the ceiling of any aid recorded on that ledger later. No ceiling
 * is checked: the aid was granted by the funder before; the costs it covered are not known, so the ledger's kept
 * costs do not change. {@code note} says what the amount is (e.g. the whole project's aid, paid to the coordinator).
 * Recorded once per ledger and source row: answers {@code false} (nothing stored) when already imported.
 */
public record ImportHistoricalStateAidCommand(
        @TargetAggregateIdentifier String ledgerId,
        String projectId,
        String organisationId,
        String funder,
        BigDecimal amount,
        String note,
        String importRunId,
        String sourceFile,
        int sourceRow) {
}

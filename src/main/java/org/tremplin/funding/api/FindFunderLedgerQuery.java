package org.tremplin.funding.api;

/** Answers an {@code Optional<FunderLedgerView>} (empty when no such funder is registered). */
public record FindFunderLedgerQuery(String funderId) {
}

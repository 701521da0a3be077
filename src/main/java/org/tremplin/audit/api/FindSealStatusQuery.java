package org.tremplin.audit.api;

/** Answers a {@link SealStatusView}: whether the event store's history still matches its seal chain, recomputed now. */
public record FindSealStatusQuery() {
}

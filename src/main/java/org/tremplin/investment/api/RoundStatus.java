package org.tremplin.investment.api;

/** Where a round stands: open to commitments, closed with its allocations, or cancelled with every commitment released. */
public enum RoundStatus {
    OPEN, CLOSED, CANCELLED
}

package org.tremplin.investment.api;

/** An investor's commitment in a round. */
public enum CommitmentStatus {
    /** Committed and counted. */
    ACTIVE,
    /** Counted, but the terms changed materially: the investor must reconfirm by the deadline or it lapses. */
    AWAITING_RECONFIRMATION,
    WITHDRAWN,
    /** Not reconfirmed in time after a material change of terms. */
    LAPSED,
    /** The round was cancelled: the money is released. */
    RELEASED,
    /** The round closed: the investor's allocation is final. */
    ALLOCATED
}

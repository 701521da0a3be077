package org.tremplin.funding.api;

/**
 * Where a convention (one per funder and partner) stands.
 */
public enum ConventionStatus {
    /** Granted, not yet signed: lapses at the contracting deadline. */
    AWAITING_SIGNATURE,
    /** Signed: tranches are paid. */
    SIGNED,
    /** Not signed within the funder's contracting deadline: the selection is lost. */
    LAPSED,
    /** The final balance was paid. */
    CLOSED,
    /** The partner withdrew (amendment). */
    WITHDRAWN;
}

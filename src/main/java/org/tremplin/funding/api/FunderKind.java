package org.tremplin.funding.api;

/** Who a funder is; only a pooled fund declares contributors. */
public enum FunderKind {
    /** The State's Single Interministerial Fund (FUI) and its successors (PSPC-Régions). */
    STATE_FUI,
    /** The National Research Agency. */
    ANR,
    /** The public innovation bank (formerly OSEO). */
    BPIFRANCE,
    /** A region funding projects on its own budget or as the FUI's counterpart. */
    REGION,
    /** Another local authority: a département, a metropolis, a city. */
    LOCAL_AUTHORITY,
    /** A European fund (ERDF, Horizon Europe, ...). */
    EU_FUND,
    /** A single fund pooling several funders' money, managed by one actor under one convention. */
    POOLED_FUND
}

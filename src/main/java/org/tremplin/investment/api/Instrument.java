package org.tremplin.investment.api;

/** What investors buy in a round: shares at a pre-money valuation, or a note converting later. */
public enum Instrument {
    EQUITY, CONVERTIBLE_NOTE
}

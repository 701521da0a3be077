package org.tremplin.investment.api;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A round's terms, in euros: the target, the minimum and maximum raise, the minimum ticket, the pre-money valuation
 * (required for equity, optional for a convertible note), the closing date (Paris) and whether the round is
 * all-or-nothing (cancelled below its minimum raise, and no commitment may take it over its maximum).
 */
public record RoundTerms(
        Instrument instrument,
        BigDecimal targetAmount,
        BigDecimal minimumRaise,
        BigDecimal maximumRaise,
        BigDecimal minimumTicket,
        BigDecimal preMoneyValuation,
        LocalDate closingDate,
        boolean allOrNothing) {
}

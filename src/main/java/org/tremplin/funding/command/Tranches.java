package org.tremplin.funding.command;

import org.tremplin.shared.Money;

import java.math.BigDecimal;

/**
 * What a convention pays at each tranche (advance, interim instalment, balance), rounded down to the cent so that the
 * funder never pays more than the convention says ({@link Money#percentOf}, {@link Money#cents}). The one place the
 * rules are written: the convention pays with them, and the console shows the amount due with them before the person
 * records the payment.
 */
public final class Tranches {

    private Tranches() {
    }

    /** The advance at signature: the grant times the advance percentage. */
    public static BigDecimal advance(BigDecimal granted, BigDecimal advancePercent) {
        return Money.percentOf(granted, advancePercent);
    }

    /** The balance: approved expenses times the rate, within the grant, less everything already paid (never below 0). */
    public static BigDecimal balance(BigDecimal approvedTotal, BigDecimal ratePercent, BigDecimal granted, BigDecimal paidTotal) {
        return Money.cents(Money.percentOf(approvedTotal, ratePercent).min(granted).subtract(paidTotal).max(BigDecimal.ZERO));
    }

    /** What an interim instalment may pay: the approved expenses times the rate, the interim cap, and what is due. */
    public record Instalment(BigDecimal earned, BigDecimal cap, BigDecimal due) {
    }

    /**
     * An interim instalment: approved expenses times the rate, within the interim cap (advance plus instalments, a
     * percentage of the grant) and the grant, less everything already paid (never below 0).
     */
    public static Instalment instalment(BigDecimal approvedTotal, BigDecimal ratePercent, BigDecimal granted,
                                        BigDecimal interimCapPercent, BigDecimal paidTotal) {
        BigDecimal earned = Money.percentOf(approvedTotal, ratePercent);
        BigDecimal cap = Money.percentOf(granted, interimCapPercent);
        BigDecimal due = Money.cents(earned.min(cap).min(granted).subtract(paidTotal).max(BigDecimal.ZERO));
        return new Instalment(earned, cap, due);
    }
}

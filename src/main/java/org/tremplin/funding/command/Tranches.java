package org.tremplin.funding.command;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a convention pays at each tranche (advance, interim instalment, balance), rounded down to the cent so that the
 * funder never pays more than the convention says. The one place the rule is written: the aggregate pays with it, and the console shows the amount
 * due with it before the person records the payment.
 */
public final class Tranches {

    private Tranches() {
    }

    /** The advance at signature: the grant times the advance percentage. */
    public static BigDecimal advance(BigDecimal granted, BigDecimal advancePercent) {
        return percentOf(granted, advancePercent);
    }

    /** The balance: approved expenses times the rate, within the grant, less everything already paid (never below 0). */
    public static BigDecimal balance(BigDecimal approvedTotal, BigDecimal ratePercent, BigDecimal granted, BigDecimal paidTotal) {
        return percentOf(approvedTotal, ratePercent).min(granted).subtract(paidTotal).max(BigDecimal.ZERO)
                .setScale(2, RoundingMode.DOWN);
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
        BigDecimal earned = percentOf(approvedTotal, ratePercent);
        BigDecimal cap = percentOf(granted, interimCapPercent);
        BigDecimal due = earned.min(cap).min(granted).subtract(paidTotal).max(BigDecimal.ZERO).setScale(2, RoundingMode.DOWN);
        return new Instalment(earned, cap, due);
    }

    /** A percentage of an amount, rounded down to the cent. */
    static BigDecimal percentOf(BigDecimal amount, BigDecimal percent) {
        return amount.multiply(percent).movePointLeft(2).setScale(2, RoundingMode.DOWN);
    }
}

package org.tremplin.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/**
 * Euros with cents, the one place the money rules are written.
 *
 * <p><b>Rounding.</b> An amount worked out by a rule (a share, a tranche, a ceiling, an allocation) is rounded
 * <b>down</b> to the cent ({@link #cents}): the funder never pays, and the ledger never allows, more than the
 * convention says. Only what is <em>shown</em> to a person rounds to the nearest cent ({@link #format},
 * {@link #plain}); amounts kept in commands and events always have exactly two decimals already.
 *
 * <p><b>Text.</b> {@link #format} writes an amount the way the reader's language does ({@code 1 234 567,89 €} in
 * French, with the JDK's narrow no-break space between thousands and a no-break space before the sign;
 * {@code €1,234,567.89} in English). {@link #plain} is the one form of refusal and timeline messages,
 * {@code 520,000.00 €}, the same whatever the reader's language.
 */
public final class Money {

    /** The currency every amount is in. */
    public static final Currency EUR = Currency.getInstance("EUR");

    private Money() {
    }

    /** The amount rounded down (towards zero) to the cent, with exactly two decimals: the project's rounding rule. */
    public static BigDecimal cents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.DOWN);
    }

    /** {@code amount × percent / 100}, rounded down to the cent ({@link #cents}). */
    public static BigDecimal percentOf(BigDecimal amount, BigDecimal percent) {
        return cents(amount.multiply(percent).movePointLeft(2));
    }

    /**
     * The amount as the reader's language writes it, to the nearest cent: {@code 1 234 567,89 €} for
     * {@link Locale#FRANCE}, {@code €1,234,567.89} for {@link Locale#UK}; negatives with a leading minus.
     */
    public static String format(BigDecimal amount, Locale locale) {
        return currencyFormat(locale, 2).format(amount.setScale(2, RoundingMode.HALF_UP));
    }

    /** The amount in whole euros as the reader's language writes it, to the nearest euro: {@code 1 234 568 €}. */
    public static String formatWhole(BigDecimal amount, Locale locale) {
        return currencyFormat(locale, 0).format(amount.setScale(0, RoundingMode.HALF_UP));
    }

    /**
     * The one text form of an amount in messages (refusals, timeline): {@code 520,000.00 €}, {@code -12.50 €},
     * to the nearest cent; {@code an unknown amount} for none.
     */
    public static String plain(BigDecimal amount) {
        if (amount == null) {
            return "an unknown amount";
        }
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ENGLISH));
        return format.format(amount.setScale(2, RoundingMode.HALF_UP)) + " €";
    }

    private static NumberFormat currencyFormat(Locale locale, int decimals) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(EUR);
        format.setMinimumFractionDigits(decimals);
        format.setMaximumFractionDigits(decimals);
        return format;
    }
}

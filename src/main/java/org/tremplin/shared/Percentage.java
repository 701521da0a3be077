package org.tremplin.shared;

import java.math.BigDecimal;

/**
 * A percentage (a rate, an advance, a cap, a contributor's share): more than 0, at most 100, at most two decimals.
 * The one place the rule is written.
 */
public final class Percentage {

    public static final BigDecimal HUNDRED = new BigDecimal("100.00");

    private Percentage() {
    }

    /**
     * The percentage with exactly two decimals, refused as invalid input naming {@code field} when it is missing,
     * not more than 0, above 100, or has more than two decimals.
     */
    public static BigDecimal of(BigDecimal value, String field) {
        Require.present(value, field);
        if (value.signum() <= 0 || value.compareTo(HUNDRED) > 0) {
            throw DomainException.invalid(field + " must be more than 0 and at most 100 (got " + value.toPlainString() + ")");
        }
        if (value.stripTrailingZeros().scale() > 2) {
            throw DomainException.invalid(field + " must be a percentage with at most two decimals (got "
                    + value.toPlainString() + ")");
        }
        return value.setScale(2);
    }

    /** The percentage as messages write it, without trailing zeros: {@code 12.5}, {@code 100}. */
    public static String plain(BigDecimal percent) {
        return percent.stripTrailingZeros().toPlainString();
    }
}

package org.tremplin.shared;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * A percentage (a rate, an advance, a cap, a contributor's share): more than 0, at most 100, at most two decimals.
 * The one place the rule is written.
 */
public final class Percentage {

    public static final BigDecimal HUNDRED = new BigDecimal("100.00");

    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,12}(\\.\\d{1,12})?");

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

    /**
     * A percentage typed by a person ({@code 20}, {@code 12.5}, {@code 12,5}, {@code 12,5 %}) read as a number, or
     * null when blank; refused as invalid input naming {@code field} when it is not a number. It is not checked
     * against the rule here: the command that carries it does that with {@link #of}.
     */
    public static BigDecimal parse(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String normalised = text.replaceAll("[\\s\u00a0\u202f%]", "").replace(',', '.');
        if (!NUMBER.matcher(normalised).matches()) {
            throw DomainException.invalid(field + " must be a percentage like 20 or 12.5 (got '" + text.strip() + "')");
        }
        return new BigDecimal(normalised);
    }

    /** The percentage as messages write it, without trailing zeros: {@code 12.5}, {@code 100}. */
    public static String plain(BigDecimal percent) {
        return percent.stripTrailingZeros().toPlainString();
    }
}

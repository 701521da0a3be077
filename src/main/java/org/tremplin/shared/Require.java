package org.tremplin.shared;

import java.math.BigDecimal;
import java.util.Collection;

/** Input checks shared by commands: each failure names the field and what is expected. */
public final class Require {

    private Require() {
    }

    public static String text(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            throw DomainException.invalid(field + " is required");
        }
        String trimmed = InputRules.checkedText(value.strip(), field);
        if (trimmed.length() > maxLength) {
            throw DomainException.invalid(field + " must be at most " + maxLength + " characters (got " + trimmed.length() + ")");
        }
        return trimmed;
    }

    public static <T> T present(T value, String field) {
        if (value == null) {
            throw DomainException.invalid(field + " is required");
        }
        return value;
    }

    public static <T extends Collection<?>> T notEmpty(T value, String field) {
        if (value == null || value.isEmpty()) {
            throw DomainException.invalid(field + " must not be empty");
        }
        return value;
    }

    /** An amount in euros: present, not negative, at most two decimals (cents). */
    public static BigDecimal euros(BigDecimal value, String field) {
        present(value, field);
        if (value.signum() < 0) {
            throw DomainException.invalid(field + " must not be negative (got " + value.toPlainString() + ")");
        }
        if (value.stripTrailingZeros().scale() > 2) {
            throw DomainException.invalid(field + " must be in euros with at most two decimals (got " + value.toPlainString() + ")");
        }
        return value.setScale(2);
    }
}

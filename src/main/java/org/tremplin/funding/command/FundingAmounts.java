package org.tremplin.funding.command;

import org.tremplin.shared.DomainException;
import org.tremplin.shared.Require;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** The funding aggregates' money text and rules, until the shared value types take them over. */
final class FundingAmounts {

    private static final BigDecimal HUNDRED = new BigDecimal("100.00");

    private FundingAmounts() {
    }

    static String euros(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString() + " €";
    }

    static String percent(BigDecimal percent) {
        return percent.stripTrailingZeros().toPlainString();
    }

    /** A percentage: more than 0, at most 100, with at most two decimals. */
    static BigDecimal percentField(BigDecimal value, String field) {
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
     * {@code amount} split by percentage weights summing to 100, exact to the cent: each part rounded down, and the
     * cents left go one by one to the largest remainders (ties: in order).
     */
    static List<BigDecimal> largestRemainder(BigDecimal amount, List<BigDecimal> percents) {
        long cents = amount.movePointRight(2).longValueExact();
        int n = percents.size();
        long[] parts = new long[n];
        BigDecimal[] remainders = new BigDecimal[n];
        long left = cents;
        for (int i = 0; i < n; i++) {
            BigDecimal exact = BigDecimal.valueOf(cents).multiply(percents.get(i)).movePointLeft(2);
            parts[i] = exact.setScale(0, RoundingMode.DOWN).longValueExact();
            remainders[i] = exact.subtract(BigDecimal.valueOf(parts[i]));
            left -= parts[i];
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparing((Integer i) -> remainders[i]).reversed()); // stable: ties keep order
        for (int k = 0; k < left; k++) {
            parts[order[k % n]]++;
        }
        List<BigDecimal> result = new ArrayList<>();
        for (long part : parts) {
            result.add(BigDecimal.valueOf(part, 2));
        }
        return result;
    }
}

package org.tremplin.investment.command;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Allocation of an oversubscribed round, pro rata to the maximum raise, in whole euros, exactly.
 *
 * <p>The rule: each investor's exact share is {@code maximum x commitment / total}. Each gets its share rounded
 * <b>down</b> to the euro; the euros left over (fewer than the number of investors) go one each to the investors with
 * the largest remainders (the share's fraction of a euro), ties broken by the earliest commitment. The allocations
 * then sum to the maximum raise exactly, none exceeds its commitment (commitments are whole euros), and an investor
 * who committed more never gets less than one who committed less.
 */
public final class ProRata {

    /** A commitment in whole euros; the list order is the order of the commitments (earliest first). */
    public record Claim(String investorId, BigDecimal amount) {
    }

    private ProRata() {
    }

    /** The allocations in the claims' order; when the claims do not exceed the maximum, each gets its claim in full. */
    public static List<BigDecimal> allocate(List<Claim> claims, BigDecimal maximum) {
        BigDecimal max = wholeEuros(maximum, "maximum");
        BigDecimal total = claims.stream().map(c -> wholeEuros(c.amount(), "commitment of " + c.investorId()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        if (total.compareTo(max) <= 0) {
            return claims.stream().map(c -> c.amount().setScale(2)).toList();
        }
        int n = claims.size();
        BigDecimal[] floors = new BigDecimal[n];
        BigDecimal[] remainders = new BigDecimal[n];
        BigDecimal allocated = BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
            // exact: share = max * c / total; floor and remainder from the integer division of max * c by total
            BigDecimal[] division = max.multiply(claims.get(i).amount()).divideAndRemainder(total);
            floors[i] = division[0].setScale(0, RoundingMode.UNNECESSARY);
            remainders[i] = division[1];
            allocated = allocated.add(floors[i]);
        }
        int left = max.subtract(allocated).intValueExact();
        List<Integer> order = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        order.sort(Comparator.comparing((Integer i) -> remainders[i]).reversed().thenComparing(i -> i));
        for (int k = 0; k < left; k++) {
            int i = order.get(k);
            floors[i] = floors[i].add(BigDecimal.ONE);
        }
        List<BigDecimal> result = new ArrayList<>();
        for (BigDecimal floor : floors) {
            result.add(floor.setScale(2));
        }
        return List.copyOf(result);
    }

    private static BigDecimal wholeEuros(BigDecimal amount, String what) {
        if (amount == null || amount.signum() < 0 || amount.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException(what + " must be whole euros, not negative (got " + amount + ")");
        }
        return amount.setScale(0, RoundingMode.UNNECESSARY);
    }
}

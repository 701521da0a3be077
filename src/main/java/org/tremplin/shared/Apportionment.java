package org.tremplin.shared;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A total split by weights exactly, by the largest-remainder method; the one place it is written (a pooled fund's
 * payment between its contributors, to the cent; an oversubscribed round between its investors, to the euro).
 *
 * <p>Each part's exact share is {@code total × weight / sum of weights}. Each gets its share rounded <b>down</b> at
 * the given scale; the units left over (fewer than the number of weights) go one each to the largest remainders,
 * ties to the earlier weight. The parts then sum to the total exactly, each is within one unit of its exact share,
 * a zero weight gets nothing, and a larger weight never gets less than a smaller one.
 */
public final class Apportionment {

    private Apportionment() {
    }

    /**
     * The parts of {@code total}, in the order of {@code weights}, each with {@code scale} decimals.
     *
     * @param total   not negative, with at most {@code scale} decimals
     * @param weights not empty, none negative, not all zero
     * @param scale   the unit: 2 for cents, 0 for whole euros
     */
    public static List<BigDecimal> largestRemainder(BigDecimal total, List<BigDecimal> weights, int scale) {
        if (total == null || total.signum() < 0) {
            throw new IllegalArgumentException("the total to split must not be negative (got " + total + ")");
        }
        BigInteger units;
        try {
            units = total.movePointRight(scale).toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("the total " + total.toPlainString() + " cannot be split in units of "
                    + BigDecimal.ONE.movePointLeft(scale).toPlainString());
        }
        if (weights == null || weights.isEmpty()) {
            throw new IllegalArgumentException("there must be at least one weight to split by");
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal weight : weights) {
            if (weight == null || weight.signum() < 0) {
                throw new IllegalArgumentException("weights must not be negative (got " + weight + ")");
            }
            sum = sum.add(weight);
        }
        if (sum.signum() == 0) {
            throw new IllegalArgumentException("weights must not all be zero");
        }
        int n = weights.size();
        BigInteger[] parts = new BigInteger[n];
        BigDecimal[] remainders = new BigDecimal[n];
        BigInteger left = units;
        BigDecimal unitsDecimal = new BigDecimal(units);
        for (int i = 0; i < n; i++) {
            // units × weight = part × sum + remainder: the share rounded down and its fraction (× sum, same for all)
            BigDecimal[] division = unitsDecimal.multiply(weights.get(i)).divideAndRemainder(sum);
            parts[i] = division[0].toBigIntegerExact();
            remainders[i] = division[1];
            left = left.subtract(parts[i]);
        }
        List<Integer> order = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        order.sort(Comparator.comparing((Integer i) -> remainders[i]).reversed().thenComparing(i -> i));
        int extra = left.intValueExact(); // fewer than n: the fractions sum to it, each below one
        for (int k = 0; k < extra; k++) {
            int i = order.get(k);
            parts[i] = parts[i].add(BigInteger.ONE);
        }
        List<BigDecimal> result = new ArrayList<>(n);
        for (BigInteger part : parts) {
            result.add(new BigDecimal(part, scale));
        }
        return List.copyOf(result);
    }
}

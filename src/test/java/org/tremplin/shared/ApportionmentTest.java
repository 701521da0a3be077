package org.tremplin.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The largest-remainder split: worked examples, then a few thousand seeded random cases checking that the parts sum to
 * the total exactly, each is within one unit of its exact share, and the units left go to the largest remainders,
 * ties to the earlier weight.
 */
class ApportionmentTest {

    @ParameterizedTest(name = "{0} by [{1}] at scale {2} = [{3}]")
    @CsvSource(delimiter = '|', value = {
            // equal weights: the cent left goes to the first
            "100.00 | 1 1 1 | 2 | 33.34 33.33 33.33",
            "1.00 | 1 1 1 | 2 | 0.34 0.33 0.33",
            "0.05 | 50 50 | 2 | 0.03 0.02",
            "0.01 | 25 25 25 25 | 2 | 0.01 0.00 0.00 0.00",
            // a pooled fund's shares in percent: exact when they divide the amount
            "10000.00 | 60.00 40.00 | 2 | 6000.00 4000.00",
            "1234.57 | 33.33 33.33 33.34 | 2 | 411.48 411.48 411.61",
            // the largest remainder wins over the earlier weight: 2, 3.33, 4.67
            "10 | 3 5 7 | 0 | 2 3 5",
            // an oversubscribed round in whole euros: 466.67, 466.67, 66.67 -> two euros left, to the first two
            "1000 | 700 700 100 | 0 | 467 467 66",
            // a zero weight gets nothing
            "10.00 | 0 1 | 2 | 0.00 10.00",
            "0.00 | 1 2 | 2 | 0.00 0.00",
            // one weight takes everything
            "520000.00 | 7 | 2 | 520000.00",
    })
    void worked_examples(String total, String weights, int scale, String expected) {
        List<BigDecimal> parts = Apportionment.largestRemainder(new BigDecimal(total), decimals(weights), scale);
        assertThat(parts).isEqualTo(decimals(expected));
    }

    @Test
    void a_total_that_cannot_be_split_exactly_is_refused() {
        assertThatThrownBy(() -> Apportionment.largestRemainder(new BigDecimal("10.005"), decimals("1 1"), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be split in units of 0.01");
        assertThatThrownBy(() -> Apportionment.largestRemainder(new BigDecimal("10.50"), decimals("1 1"), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be split in units of 1");
        assertThatThrownBy(() -> Apportionment.largestRemainder(new BigDecimal("-1.00"), decimals("1 1"), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> Apportionment.largestRemainder(new BigDecimal("1.00"), List.of(), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one weight");
        assertThatThrownBy(() -> Apportionment.largestRemainder(new BigDecimal("1.00"), decimals("1 -1"), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> Apportionment.largestRemainder(new BigDecimal("1.00"), decimals("0 0"), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not all be zero");
    }

    @Test
    void random_splits_are_exact_fair_and_give_ties_to_the_earlier() {
        Random random = new Random(20261201L);
        int ties = 0;
        for (int run = 0; run < 5000; run++) {
            int scale = random.nextBoolean() ? 2 : 0;
            int n = 1 + random.nextInt(12);
            BigInteger units = BigInteger.valueOf(random.nextInt(4) == 0 ? random.nextInt(100) : random.nextLong() & 0xFFFFFFFFFFL);
            BigDecimal total = new BigDecimal(units, scale);
            // weights with two decimals (percent shares) or whole (commitments), often repeated to make ties
            List<BigDecimal> weights = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (i > 0 && random.nextInt(3) == 0) {
                    weights.add(weights.get(random.nextInt(i)));
                } else if (random.nextInt(10) == 0) {
                    weights.add(BigDecimal.ZERO);
                } else {
                    weights.add(random.nextBoolean() ? BigDecimal.valueOf(1 + random.nextInt(10000), 2)
                            : BigDecimal.valueOf(1 + random.nextInt(5_000_000)));
                }
            }
            if (weights.stream().allMatch(w -> w.signum() == 0)) {
                weights.set(0, BigDecimal.ONE);
            }
            String label = "case " + run + ": " + total + " by " + weights + " at scale " + scale;

            List<BigDecimal> parts = Apportionment.largestRemainder(total, weights, scale);

            assertThat(parts).as(label).hasSize(n);
            assertThat(parts.stream().reduce(BigDecimal.ZERO, BigDecimal::add)).as(label).isEqualByComparingTo(total);
            // in integers: weights in hundredths, parts in units; exact share of i = units × w[i] / W
            BigInteger[] w = weights.stream().map(x -> x.movePointRight(2).toBigIntegerExact()).toArray(BigInteger[]::new);
            BigInteger sum = Arrays.stream(w).reduce(BigInteger.ZERO, BigInteger::add);
            BigInteger[] remainder = new BigInteger[n];
            boolean[] extra = new boolean[n];
            for (int i = 0; i < n; i++) {
                BigInteger part = parts.get(i).movePointRight(scale).toBigIntegerExact();
                assertThat(parts.get(i).scale()).as(label).isEqualTo(scale);
                BigInteger[] exact = units.multiply(w[i]).divideAndRemainder(sum);
                // |part − exact share| < one unit
                BigInteger gap = part.multiply(sum).subtract(units.multiply(w[i])).abs();
                assertThat(gap).as(label + ", part " + i).isLessThan(sum);
                assertThat(part.subtract(exact[0])).as(label + ", part " + i).isBetween(BigInteger.ZERO, BigInteger.ONE);
                remainder[i] = exact[1];
                extra[i] = part.compareTo(exact[0]) > 0;
            }
            // whoever got a unit left over has a larger remainder than whoever did not, or the same and comes earlier
            for (int got = 0; got < n; got++) {
                for (int not = 0; not < n; not++) {
                    if (extra[got] && !extra[not]) {
                        int byRemainder = remainder[got].compareTo(remainder[not]);
                        assertThat(byRemainder > 0 || (byRemainder == 0 && got < not))
                                .as(label + ": part " + got + " got a unit before part " + not).isTrue();
                        if (byRemainder == 0) {
                            ties++;
                        }
                    }
                }
            }
        }
        assertThat(ties).as("the random cases include ties decided by order").isGreaterThan(100);
    }

    private static List<BigDecimal> decimals(String text) {
        return Arrays.stream(text.trim().split("\\s+")).map(BigDecimal::new).toList();
    }
}

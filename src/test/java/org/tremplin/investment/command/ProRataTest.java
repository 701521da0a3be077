package org.tremplin.investment.command;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The allocation of an oversubscribed round: floor of each exact pro-rata share, then the euros left one each by
 * largest remainder, ties by earliest commitment; the allocations always sum to the maximum raise.
 */
class ProRataTest {

    @ParameterizedTest(name = "[{index}] {0}: max {1}, commitments {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            under the maximum: each gets its commitment        | 1000 | 300 200 100       | 300.00 200.00 100.00
            exactly the maximum                                | 600  | 300 200 100       | 300.00 200.00 100.00
            exact shares, no rounding (x 1/2)                  | 600  | 600 400 200       | 300.00 200.00 100.00
            exact shares of large amounts (x 3/4)              | 1500000 | 800000 600000 600000 | 600000.00 450000.00 450000.00
            three-way tie: the euro left goes to the earliest  | 100  | 50 50 50          | 34.00 33.00 33.00
            three-way tie, two euros left: the two earliest    | 101  | 50 50 50          | 34.00 34.00 33.00
            equal remainders, two euros left: the two earliest | 10   | 7 4 4             | 5.00 3.00 2.00
            largest remainder wins over order                  | 100  | 10 20 70 1        | 10.00 20.00 69.00 1.00
            euros left to the largest fractions, smallest first | 1000 | 333 333 334 100  | 303.00 303.00 303.00 91.00
            a single investor over the maximum                 | 500  | 800               | 500.00
            one euro over the maximum                          | 999  | 500 500           | 500.00 499.00
            minimum tickets hardly cut                         | 250000 | 100000 100000 60000 | 96154.00 96154.00 57692.00
            """)
    void allocates_pro_rata_in_whole_euros_exactly(String name, String maximum, String commitments, String expected) {
        List<ProRata.Claim> claims = new ArrayList<>();
        String[] amounts = commitments.trim().split("\\s+");
        for (int i = 0; i < amounts.length; i++) {
            claims.add(new ProRata.Claim("INVESTOR-" + i, new BigDecimal(amounts[i])));
        }
        List<BigDecimal> allocations = ProRata.allocate(claims, new BigDecimal(maximum));

        assertThat(allocations).containsExactlyElementsOf(Arrays.stream(expected.trim().split("\\s+")).map(BigDecimal::new).toList());
        BigDecimal committed = claims.stream().map(ProRata.Claim::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal sum = allocations.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(sum).isEqualByComparingTo(committed.min(new BigDecimal(maximum)));
        for (int i = 0; i < claims.size(); i++) {
            assertThat(allocations.get(i)).isLessThanOrEqualTo(claims.get(i).amount());
            assertThat(allocations.get(i).stripTrailingZeros().scale()).isLessThanOrEqualTo(0);
        }
    }

    @Test
    void a_large_random_oversubscription_always_sums_to_the_maximum_and_never_favours_a_smaller_commitment() {
        java.util.Random random = new java.util.Random(42);
        for (int round = 0; round < 500; round++) {
            int investors = 1 + random.nextInt(12);
            List<ProRata.Claim> claims = new ArrayList<>();
            long total = 0;
            for (int i = 0; i < investors; i++) {
                long amount = 1 + random.nextInt(2_000_000);
                total += amount;
                claims.add(new ProRata.Claim("I" + i, BigDecimal.valueOf(amount)));
            }
            long maximum = 1 + (long) (random.nextDouble() * total);
            List<BigDecimal> allocations = ProRata.allocate(claims, BigDecimal.valueOf(maximum));
            assertThat(allocations.stream().reduce(BigDecimal.ZERO, BigDecimal::add))
                    .isEqualByComparingTo(BigDecimal.valueOf(Math.min(maximum, total)));
            for (int i = 0; i < investors; i++) {
                for (int j = 0; j < investors; j++) {
                    if (claims.get(i).amount().compareTo(claims.get(j).amount()) > 0) {
                        assertThat(allocations.get(i)).isGreaterThanOrEqualTo(allocations.get(j));
                    }
                }
            }
        }
    }

    @Test
    void commitments_with_cents_are_refused_since_allocations_are_whole_euros() {
        assertThatThrownBy(() -> ProRata.allocate(List.of(new ProRata.Claim("I", new BigDecimal("10.50"))), BigDecimal.TEN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole euros");
    }
}

package org.tremplin.investment.command;

import org.tremplin.shared.Apportionment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Allocation of an oversubscribed round, pro rata to the maximum raise, in whole euros, exactly.
 *
 * <p>The rule: each investor's exact share is {@code maximum x commitment / total}. Each gets its share rounded
 * <b>down</b> to the euro; the euros left over (fewer than the number of investors) go one each to the investors with
 * the largest remainders (the share's fraction of a euro), ties broken by the earliest commitment. The allocations
 * then sum to the maximum raise exactly, none exceeds its commitment (commitments are whole euros), and an investor
 * who committed more never gets less than one who committed less. The split is {@link Apportionment#largestRemainder}
 * in units of one euro.
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
        List<BigDecimal> weights = claims.stream().map(Claim::amount).toList();
        return Apportionment.largestRemainder(max, weights, 0).stream().map(part -> part.setScale(2)).toList();
    }

    private static BigDecimal wholeEuros(BigDecimal amount, String what) {
        if (amount == null || amount.signum() < 0 || amount.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException(what + " must be whole euros, not negative (got " + amount + ")");
        }
        return amount.setScale(0, RoundingMode.UNNECESSARY);
    }
}

package org.tremplin.funding.command;

import org.tremplin.funding.api.PooledFundContributor;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Percentage;
import org.tremplin.shared.Require;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The rule of a pooled fund's contributors, wherever they are declared (the fund in the registry, a convention at
 * signature): at most {@link #MAX_CONTRIBUTORS}, each named once (case aside), never the fund itself, each share a
 * {@link Percentage} (more than 0, at most 100, two decimals), the shares summing to exactly 100.
 */
final class PooledFundShares {

    static final int MAX_CONTRIBUTORS = 50;

    private PooledFundShares() {
    }

    /** The contributors checked and normalised (names stripped, shares with two decimals); {@code fundId} may be null. */
    static List<PooledFundContributor> check(List<PooledFundContributor> given, String fundId) {
        if (given.size() > MAX_CONTRIBUTORS) {
            throw DomainException.invalid("at most " + MAX_CONTRIBUTORS + " contributors may be declared (got "
                    + given.size() + ")");
        }
        List<PooledFundContributor> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        BigDecimal total = BigDecimal.ZERO;
        for (PooledFundContributor contributor : given) {
            Require.present(contributor, "each contributor");
            String who = Require.text(contributor.contributor(), "contributor", 200);
            if (!seen.add(who.toLowerCase(Locale.ROOT))) {
                throw DomainException.invalid("contributor " + who + " is listed twice");
            }
            if (who.equals(fundId)) {
                throw DomainException.ruleViolated("A pooled fund cannot contribute to itself (" + who + ")");
            }
            BigDecimal share = Percentage.of(contributor.sharePercent(), "sharePercent of " + who);
            total = total.add(share);
            result.add(new PooledFundContributor(who, share));
        }
        if (total.compareTo(Percentage.HUNDRED) != 0) {
            throw DomainException.ruleViolated("The contributors' shares must sum to exactly 100% (got "
                    + total.toPlainString() + "%)");
        }
        return List.copyOf(result);
    }
}

package org.tremplin.funding.api;

import java.math.BigDecimal;

/**
 * One contributor to a pooled fund and its share of the fund's money, in percent with two decimals.
 * The contributor is either a registered funder's id (starting with {@code FUNDER-}) or the name of a
 * local authority that is not registered as a funder (a département, a city).
 */
public record PooledFundContributor(String contributor, BigDecimal sharePercent) {
}

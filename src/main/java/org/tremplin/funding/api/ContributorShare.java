package org.tremplin.funding.api;

import java.math.BigDecimal;

/**
 * The part of a pooled fund's payment that one contributor (a funder id or a local authority's name) bears.
 */
public record ContributorShare(
        String contributor,
        BigDecimal sharePercent,
        BigDecimal amount) {
}

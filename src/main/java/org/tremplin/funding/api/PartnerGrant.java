package org.tremplin.funding.api;

import java.math.BigDecimal;

/**
 * The amount a funder grants one partner (euros, cents); zero or absent partners get nothing.
 */
public record PartnerGrant(
        String organisationId,
        BigDecimal amount) {
}

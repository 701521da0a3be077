package org.tremplin.funding.api;

import java.math.BigDecimal;

/**
 * One partner's grant as decided: what it asked, what it got, at which rate, and the convention it needs.
 */
public record GrantedAid(
        String organisationId,
        String conventionId,
        BigDecimal requestedAmount,
        BigDecimal grantedAmount,
        BigDecimal ratePercent) {

    public static final String ID_PREFIX = "CONV-";

    /** One convention per funder (application) and partner, e.g. CONV-PRJ-1A2B3C-FUI-25-SIREN-123456789. */
    public static String conventionId(String applicationId, String organisationId) {
        return ID_PREFIX + applicationId.substring(applicationId.indexOf('-') + 1) + "-" + organisationId;
    }
}

package org.tremplin.funding.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tremplin.organisation.api.OrganisationKind;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;

/**
 * Publishes a funder's call for projects under the id derived from its code ({@link #callId(String)}).
 * Dates are Paris dates, both inclusive; a null maximum project size means no maximum.
 */
public record OpenCallCommand(
        @TargetAggregateIdentifier String callId,
        String funderId,
        String code,
        String title,
        LocalDate openingDate,
        LocalDate closingDate,
        Set<OrganisationKind> eligiblePartnerKinds,
        boolean labelRequired,
        BigDecimal maxProjectSize) {

    public static final String ID_PREFIX = "CALL-";

    /** The call id derived from its code, e.g. CALL-FUI-21: one call per code. */
    public static String callId(String code) {
        return ID_PREFIX + code;
    }
}

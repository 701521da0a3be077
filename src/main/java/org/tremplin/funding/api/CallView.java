package org.tremplin.funding.api;

import org.tremplin.organisation.api.OrganisationKind;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A call for projects as the other contexts and the API see it; dates are Paris dates. */
public record CallView(
        String id,
        String funderId,
        String funderName,
        String code,
        String title,
        LocalDate openingDate,
        LocalDate closingDate,
        LocalDate closedEarlyOn,
        String closedEarlyReason,
        List<OrganisationKind> eligiblePartnerKinds,
        boolean labelRequired,
        BigDecimal maxProjectSize,
        Instant openedAt,
        Instant lastUpdatedAt) {

    /** Whether the call accepts a submission dated that day. */
    public boolean isOpenOn(LocalDate date) {
        return !date.isBefore(openingDate) && !date.isAfter(closingDate)
                && (closedEarlyOn == null || date.isBefore(closedEarlyOn));
    }
}

package org.tremplin.funding.api;

import org.axonframework.serialization.Revision;
import org.tremplin.organisation.api.OrganisationKind;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;

/**
 * A funder published a call for projects open from its opening to its closing date (Paris dates,
 * inclusive) to consortia of the eligible partner kinds, labelled or not, up to a maximum size (or none).
 */
@Revision("1")
public record CallOpenedEvent(
        String callId,
        String funderId,
        String code,
        String title,
        LocalDate openingDate,
        LocalDate closingDate,
        Set<OrganisationKind> eligiblePartnerKinds,
        boolean labelRequired,
        BigDecimal maxProjectSize) implements FundingEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

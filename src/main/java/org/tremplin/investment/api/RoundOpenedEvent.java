package org.tremplin.investment.api;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** A round opened for a company (of a labelled project, or a member company on its own) with its terms and sharing choices. */
@Revision("1")
public record RoundOpenedEvent(
        String roundId,
        String title,
        String companyOrganisationId,
        String projectId,
        RoundTerms terms,
        boolean sharePassport,
        boolean shareCommitments,
        LocalDate openedOn) implements InvestmentEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

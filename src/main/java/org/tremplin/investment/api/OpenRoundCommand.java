package org.tremplin.investment.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/**
 * Opens a round for a company, either of a project ({@code projectId} with the project's status and whether the company
 * is a partner of it, as the caller read them) or on its own for a member company ({@code projectId} null).
 * {@code sharePassport}: the carrier lets invited investors under NDA read the project's funding passport;
 * {@code shareCommitments}: investors under NDA see the other commitments (names and amounts).
 */
public record OpenRoundCommand(
        @TargetAggregateIdentifier String roundId,
        String title,
        String companyOrganisationId,
        String projectId,
        String projectStatus,
        boolean companyInProject,
        RoundTerms terms,
        boolean sharePassport,
        boolean shareCommitments,
        LocalDate openedOn) {

    public static final String ID_PREFIX = "ROUND-";
}

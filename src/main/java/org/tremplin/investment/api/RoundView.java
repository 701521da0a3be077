package org.tremplin.investment.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A round as the read model holds it, every investor included: the web layer cuts it to what the caller may see. */
public record RoundView(
        String id,
        String title,
        String companyOrganisationId,
        String projectId,
        RoundTerms terms,
        boolean sharePassport,
        boolean shareCommitments,
        RoundStatus status,
        LocalDate openedOn,
        Instant openedAt,
        String openedBy,
        int amendments,
        Instant reconfirmBy,
        BigDecimal committedTotal,
        BigDecimal raisedAmount,
        BigDecimal postMoneyValuation,
        boolean oversubscribed,
        boolean closedEarly,
        String closingReason,
        LocalDate closedOn,
        List<Document> documents,
        List<Participant> investors) {

    public record Document(String documentId, String title, String reference, Instant addedAt) {
    }

    /** One invited investor: its NDA, its commitment and, once closed, its allocation. */
    public record Participant(String investorId, String investorName, Instant invitedAt, Instant ndaAcceptedAt,
                              String ndaAcceptedBy, BigDecimal commitment, CommitmentStatus commitmentStatus,
                              Instant committedAt, BigDecimal allocation) {
    }
}

package org.tremplin.investment.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A project's verified track record as an investor under NDA may read it, cut to what the project's confidentiality
 * level allows: {@code null} fields are withheld. The verification is the audit seal chain's status when read.
 */
public record FundingPassportView(
        String projectId,
        String title,
        String confidentiality,
        String status,
        String labelDecision,
        Instant labelDecidedAt,
        String labelReasons,
        String conclusionsMessage,
        BigDecimal averageScore,
        BigDecimal grantedTotal,
        BigDecimal paidTotal,
        List<FunderLine> funders,
        Verification verification,
        List<String> withheld,
        ConsortiumAgreementLine consortiumAgreement,
        List<PartnerPoleLabel> partnerPoleLabels) {

    /**
     * The project's consortium agreement with its IP split (issue 13): {@code status} NONE, SIGNING or FULLY_SIGNED, the
     * current version and when every member signed it. The terms stay with the consortium.
     */
    public record ConsortiumAgreementLine(String status, Integer version, Instant fullySignedAt) {
    }

    /**
     * A label granted by a partner pole (co-labelling): the pole, when, and its conclusions where the home pole's
     * reasons are shown ({@code null} where withheld).
     */
    public record PartnerPoleLabel(String poleId, String poleName, Instant grantedAt, String conclusions) {
    }

    public record FunderLine(String funderId, String funderName, BigDecimal grantedTotal, BigDecimal paidTotal,
                             List<ConventionLine> conventions) {
    }

    /** One convention: its status, money, the expenses its funder approved, and the milestones it met, in order. */
    public record ConventionLine(String conventionId, String organisationId, String status, BigDecimal grantedAmount,
                                 BigDecimal paidTotal, BigDecimal approvedExpenses, List<Milestone> milestones) {
    }

    /**
     * A milestone met, from the recorded events: {@code CONVENTION_SIGNED}, {@code ADVANCE_PAID},
     * {@code EXPENSES_APPROVED} (each approved statement, with the amount approved), {@code FINAL_REPORT_ACCEPTED},
     * {@code BALANCE_PAID}; {@code amount} where one applies.
     */
    public record Milestone(String milestone, Instant at, BigDecimal amount) {
    }

    /**
     * The seal chain's verification: {@code verified} only when {@code status} is VERIFIED; UNSEALED when
     * {@code unsealedEvents} are not sealed yet (so not checked), BROKEN with a {@code problem}.
     */
    public record Verification(boolean available, Boolean verified, String status, Long sealedThrough,
                               Long unsealedEvents, String problem, Instant checkedAt) {
    }
}

package org.tremplin.project.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The project read model: the whole file, before access rules are applied by the web layer. */
public record ProjectView(
        String id,
        String title,
        String summary,
        String thematicAxis,
        ConfidentialityLevel confidentiality,
        String carrierOrganisationId,
        ProjectStatus status,
        String processInstanceId,
        String submittedBy,
        Instant submittedAt,
        LocalDate reviewDeadline,
        String labelDecision,
        String labelReasons,
        Instant labelDecidedAt,
        BigDecimal averageScore,
        String conclusionsMessage,
        Instant conclusionsCommunicatedAt,
        String abandonReason,
        List<PartnerView> partners,
        List<ReviewView> reviews,
        RedressView redress) {

    /** A project with no redress (none asked, or a view built before redress existed). */
    public ProjectView(String id, String title, String summary, String thematicAxis, ConfidentialityLevel confidentiality,
                       String carrierOrganisationId, ProjectStatus status, String processInstanceId, String submittedBy,
                       Instant submittedAt, LocalDate reviewDeadline, String labelDecision, String labelReasons,
                       Instant labelDecidedAt, BigDecimal averageScore, String conclusionsMessage,
                       Instant conclusionsCommunicatedAt, String abandonReason, List<PartnerView> partners,
                       List<ReviewView> reviews) {
        this(id, title, summary, thematicAxis, confidentiality, carrierOrganisationId, status, processInstanceId,
                submittedBy, submittedAt, reviewDeadline, labelDecision, labelReasons, labelDecidedAt, averageScore,
                conclusionsMessage, conclusionsCommunicatedAt, abandonReason, partners, reviews, null);
    }

    /** The redress after a refusal: its state, the last day of the period, the carrier's arguments, staff's reasons. */
    public record RedressView(RedressState state, LocalDate deadline, String arguments, String reasons, Instant updatedAt) {
    }

    public record PartnerView(String organisationId, String name, org.tremplin.organisation.api.OrganisationKind kind,
                              boolean lead, PartnerStatus status, String role, BigDecimal plannedBudget,
                              Instant ndaSignedAt, String ndaSignedBy, String declineReason) {
    }

    public record ReviewView(String reviewerId, int position, Integer score, Recommendation recommendation,
                             String conclusions, Instant reviewedAt, int reminders) {
    }
}

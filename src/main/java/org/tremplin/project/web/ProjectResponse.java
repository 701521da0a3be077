package org.tremplin.project.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.tremplin.project.api.ConfidentialityLevel;
import org.tremplin.project.api.ProjectStatus;
import org.tremplin.project.api.ProjectView;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A project as the caller may see it: the summary always, the file and conclusions only where allowed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ProjectResponse(
        String id,
        String title,
        String thematicAxis,
        ConfidentialityLevel confidentiality,
        String carrierOrganisationId,
        ProjectStatus status,
        String access,
        String accessNote,
        String summary,
        String processInstanceId,
        String submittedBy,
        Instant submittedAt,
        List<ProjectView.PartnerView> partners,
        LocalDate reviewDeadline,
        List<ProjectView.ReviewView> reviews,
        Label label,
        Conclusions conclusions,
        String abandonReason,
        Redress redress,
        List<PoleLabel> labels) {

    /** A project as before co-labelling: no pole labels listed. */
    ProjectResponse(String id, String title, String thematicAxis, ConfidentialityLevel confidentiality,
                    String carrierOrganisationId, ProjectStatus status, String access, String accessNote, String summary,
                    String processInstanceId, String submittedBy, Instant submittedAt,
                    List<ProjectView.PartnerView> partners, LocalDate reviewDeadline, List<ProjectView.ReviewView> reviews,
                    Label label, Conclusions conclusions, String abandonReason, Redress redress) {
        this(id, title, thematicAxis, confidentiality, carrierOrganisationId, status, access, accessNote, summary,
                processInstanceId, submittedBy, submittedAt, partners, reviewDeadline, reviews, label, conclusions,
                abandonReason, redress, null);
    }

    /** The same with every pole's label (co-labelling). */
    ProjectResponse withLabels(List<PoleLabel> poleLabels) {
        return new ProjectResponse(id, title, thematicAxis, confidentiality, carrierOrganisationId, status, access,
                accessNote, summary, processInstanceId, submittedBy, submittedAt, partners, reviewDeadline, reviews, label,
                conclusions, abandonReason, redress, poleLabels);
    }

    /**
     * The redress after a refusal, for the carrier and staff (src/docs/redress.md). While the period runs ({@code OPEN},
     * before any contest) {@code contestableUntil} is the instant the period ends (midnight after the
     * {@code deadline} day in Paris) and {@code daysLeft} the days left after today (Paris; 0 on the last day).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Redress(org.tremplin.project.api.RedressState state, LocalDate deadline, Instant contestableUntil,
                   Long daysLeft, String arguments, String reasons, Instant updatedAt) {

        static Redress of(ProjectView.RedressView view) {
            return view == null ? null : new Redress(view.state(), view.deadline(), null, null, view.arguments(),
                    view.reasons(), view.updatedAt());
        }
    }

    /**
     * One pole's label on the project: the home pole ({@code homePole}, no {@code poleId}) or a partner pole asked
     * (co-labelling). {@code status}: PENDING, GRANTED, REFUSED, WITHDRAWN (a partner pole's request), NOT_SUBMITTED
     * (the home pole's, before the project is submitted for labelling).
     */
    record PoleLabel(String poleId, String poleName, boolean homePole, String status, Instant askedAt, Instant decidedAt,
                     String conclusions, Instant withdrawnAt) {
    }

    record Label(String decision, String reasons, BigDecimal averageScore, Instant decidedAt) {
    }

    /** What the carrier receives: the decision, its reasons and each expert's anonymised conclusions. */
    record Conclusions(Instant communicatedAt, String decision, String reasons, String message,
                       List<ExpertConclusion> experts) {
    }

    record ExpertConclusion(String expert, Integer score, String recommendation, String conclusions) {
    }
}

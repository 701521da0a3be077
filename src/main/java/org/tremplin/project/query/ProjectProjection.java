package org.tremplin.project.query;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.project.api.ConclusionsCommunicatedEvent;
import org.tremplin.project.api.ConfidentialityLevel;
import org.tremplin.project.api.FindProjectQuery;
import org.tremplin.project.api.FindProjectsQuery;
import org.tremplin.project.api.IdeaSubmittedEvent;
import org.tremplin.project.api.InvitationDeclinedEvent;
import org.tremplin.project.api.FundingCallsChosenEvent;
import org.tremplin.project.api.LabelGrantedEvent;
import org.tremplin.project.api.ProjectClosedEvent;
import org.tremplin.project.api.LabelRefusedEvent;
import org.tremplin.project.api.NdaSignedEvent;
import org.tremplin.project.api.PartnerInvitedEvent;
import org.tremplin.project.api.PartnerJoinedEvent;
import org.tremplin.project.api.PartnerStatus;
import org.tremplin.project.api.ProjectAbandonedEvent;
import org.tremplin.project.api.ProjectStatus;
import org.tremplin.project.api.ProjectSubmittedForLabellingEvent;
import org.tremplin.project.api.ProjectView;
import org.tremplin.project.api.Recommendation;
import org.tremplin.project.api.ReviewRecordedEvent;
import org.tremplin.project.api.ReviewReminderSentEvent;
import org.tremplin.project.api.ReviewersAssignedEvent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Projects with their consortium and reviews. Handlers are idempotent: events may be delivered twice. */
@Component
@ProcessingGroup("projects")
public class ProjectProjection {

    private final JdbcClient jdbc;

    public ProjectProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(IdeaSubmittedEvent event, @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(value = "processInstanceId", required = false) String processInstanceId,
            @MetaDataValue(value = "actor", required = false) String actor) {
        jdbc.sql("""
                        INSERT INTO project (id, title, summary, thematic_axis, confidentiality, carrier_organisation_id,
                          status, process_instance_id, submitted_by, submitted_at, last_updated_at)
                        SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM project WHERE id = ?)""")
                .params(event.projectId(), event.title(), event.summary(), event.thematicAxis(),
                        event.confidentiality().name(), event.carrierOrganisationId(),
                        ProjectStatus.CONSORTIUM_BUILDING.name(), processInstanceId, actor, ts(at), ts(at), event.projectId())
                .update();
        jdbc.sql("""
                        INSERT INTO project_partner (project_id, organisation_id, organisation_name, kind, lead, status, planned_budget)
                        SELECT ?, ?, ?, ?, TRUE, ?, ? WHERE NOT EXISTS
                          (SELECT 1 FROM project_partner WHERE project_id = ? AND organisation_id = ?)""")
                .params(event.projectId(), event.carrierOrganisationId(), event.carrierName(), event.carrierKind().name(),
                        PartnerStatus.LEAD.name(), event.carrierPlannedBudget(), event.projectId(), event.carrierOrganisationId())
                .update();
    }

    @EventHandler
    void on(PartnerInvitedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.sql("DELETE FROM project_partner WHERE project_id = ? AND organisation_id = ?")
                .params(event.projectId(), event.organisationId()).update();
        jdbc.sql("""
                        INSERT INTO project_partner (project_id, organisation_id, organisation_name, kind, lead, status)
                        VALUES (?, ?, ?, ?, FALSE, ?)""")
                .params(event.projectId(), event.organisationId(), event.organisationName(),
                        event.organisationKind().name(), PartnerStatus.INVITED.name())
                .update();
        touch(event.projectId(), at);
    }

    @EventHandler
    void on(PartnerJoinedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.sql("UPDATE project_partner SET status = ?, role = ?, planned_budget = ? WHERE project_id = ? AND organisation_id = ?")
                .params(PartnerStatus.JOINED.name(), event.role(), event.plannedBudget(), event.projectId(), event.organisationId())
                .update();
        touch(event.projectId(), at);
    }

    @EventHandler
    void on(InvitationDeclinedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.sql("UPDATE project_partner SET status = ?, decline_reason = ? WHERE project_id = ? AND organisation_id = ?")
                .params(PartnerStatus.DECLINED.name(), event.reason(), event.projectId(), event.organisationId())
                .update();
        touch(event.projectId(), at);
    }

    @EventHandler
    void on(NdaSignedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.sql("UPDATE project_partner SET nda_signed_at = ?, nda_signed_by = ? WHERE project_id = ? AND organisation_id = ?")
                .params(ts(at), event.signatoryUserId(), event.projectId(), event.organisationId())
                .update();
        touch(event.projectId(), at);
    }

    @EventHandler
    void on(ProjectSubmittedForLabellingEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        status(event.projectId(), ProjectStatus.AWAITING_REVIEWERS, at);
    }

    @EventHandler
    void on(ReviewersAssignedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.sql("UPDATE project SET status = ?, review_deadline = ?, last_updated_at = ? WHERE id = ?")
                .params(ProjectStatus.UNDER_REVIEW.name(), event.reviewDeadline(), ts(at), event.projectId())
                .update();
        int position = 1;
        for (String reviewer : event.reviewerIds()) {
            jdbc.sql("""
                            INSERT INTO project_review (project_id, reviewer_id, position, reminders)
                            SELECT ?, ?, ?, 0 WHERE NOT EXISTS
                              (SELECT 1 FROM project_review WHERE project_id = ? AND reviewer_id = ?)""")
                    .params(event.projectId(), reviewer, position++, event.projectId(), reviewer)
                    .update();
        }
    }

    @EventHandler
    void on(ReviewRecordedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.sql("""
                        UPDATE project_review SET score = ?, recommendation = ?, conclusions = ?, reviewed_at = ?
                        WHERE project_id = ? AND reviewer_id = ?""")
                .params(event.score(), event.recommendation().name(), event.conclusions(), ts(at), event.projectId(),
                        event.reviewerId())
                .update();
        touch(event.projectId(), at);
    }

    @EventHandler
    void on(ReviewReminderSentEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        // Guarded by the reminder's time, so that a redelivered event is not counted twice.
        jdbc.sql("""
                        UPDATE project_review SET reminders = reminders + 1, last_reminder_at = ?
                        WHERE project_id = ? AND reviewer_id = ? AND (last_reminder_at IS NULL OR last_reminder_at < ?)""")
                .params(ts(at), event.projectId(), event.reviewerId(), ts(at))
                .update();
    }

    @EventHandler
    void on(LabelGrantedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        decision(event.projectId(), ProjectStatus.LABEL_GRANTED, "GRANTED", event.reasons(), event.averageScore(), at);
    }

    @EventHandler
    void on(LabelRefusedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        decision(event.projectId(), ProjectStatus.LABEL_REFUSED, "REFUSED", event.reasons(), event.averageScore(), at);
    }

    @EventHandler
    void on(ConclusionsCommunicatedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.sql("UPDATE project SET conclusions_message = ?, conclusions_communicated_at = ?, last_updated_at = ? WHERE id = ?")
                .params(event.message(), ts(at), ts(at), event.projectId())
                .update();
    }

    @EventHandler
    void on(ProjectAbandonedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.sql("UPDATE project SET status = ?, abandon_reason = ?, last_updated_at = ? WHERE id = ?")
                .params(ProjectStatus.ABANDONED.name(), event.reason(), ts(at), event.projectId())
                .update();
    }

    @EventHandler
    void on(FundingCallsChosenEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        status(event.projectId(), ProjectStatus.FUNDING, at);
    }

    @EventHandler
    void on(org.tremplin.project.api.ResearchStartedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        status(event.projectId(), ProjectStatus.IN_RESEARCH, at);
    }

    @EventHandler
    void on(ProjectClosedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        status(event.projectId(), ProjectStatus.CLOSED, at);
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM project_review").update();
        jdbc.sql("DELETE FROM project_partner").update();
        jdbc.sql("DELETE FROM project").update();
    }

    @QueryHandler
    public Optional<ProjectView> handle(FindProjectQuery query) {
        return jdbc.sql("SELECT * FROM project WHERE id = ?").param(query.projectId())
                .query((rs, row) -> project(rs,
                        jdbc.sql("SELECT * FROM project_partner WHERE project_id = ? ORDER BY lead DESC, organisation_name")
                                .param(query.projectId()).query(ProjectProjection::partner).list(),
                        jdbc.sql("SELECT * FROM project_review WHERE project_id = ? ORDER BY position")
                                .param(query.projectId()).query(ProjectProjection::review).list()))
                .optional();
    }

    /** Every project, newest first: three queries whatever the number of projects (partners and reviews read at once). */
    @QueryHandler
    public List<ProjectView> handle(FindProjectsQuery query) {
        java.util.Map<String, List<ProjectView.PartnerView>> partners = new java.util.HashMap<>();
        jdbc.sql("SELECT * FROM project_partner ORDER BY project_id, lead DESC, organisation_name")
                .query((java.sql.ResultSet rs) -> {
                    partners.computeIfAbsent(rs.getString("project_id"), id -> new java.util.ArrayList<>())
                            .add(partner(rs, 0));
                });
        java.util.Map<String, List<ProjectView.ReviewView>> reviews = new java.util.HashMap<>();
        jdbc.sql("SELECT * FROM project_review ORDER BY project_id, position")
                .query((java.sql.ResultSet rs) -> {
                    reviews.computeIfAbsent(rs.getString("project_id"), id -> new java.util.ArrayList<>())
                            .add(review(rs, 0));
                });
        return jdbc.sql("SELECT * FROM project ORDER BY submitted_at DESC, id")
                .query((rs, row) -> project(rs, partners.getOrDefault(rs.getString("id"), List.of()),
                        reviews.getOrDefault(rs.getString("id"), List.of())))
                .list();
    }

    private static ProjectView.PartnerView partner(ResultSet p, int row) throws SQLException {
        return new ProjectView.PartnerView(p.getString("organisation_id"), p.getString("organisation_name"),
                OrganisationKind.valueOf(p.getString("kind")), p.getBoolean("lead"),
                PartnerStatus.valueOf(p.getString("status")), p.getString("role"), p.getBigDecimal("planned_budget"),
                instant(p.getTimestamp("nda_signed_at")), p.getString("nda_signed_by"), p.getString("decline_reason"));
    }

    private static ProjectView.ReviewView review(ResultSet r, int row) throws SQLException {
        return new ProjectView.ReviewView(r.getString("reviewer_id"), r.getInt("position"),
                (Integer) r.getObject("score", Integer.class),
                r.getString("recommendation") == null ? null : Recommendation.valueOf(r.getString("recommendation")),
                r.getString("conclusions"), instant(r.getTimestamp("reviewed_at")), r.getInt("reminders"));
    }

    private static ProjectView project(ResultSet rs, List<ProjectView.PartnerView> partners,
                                       List<ProjectView.ReviewView> reviews) throws SQLException {
        return new ProjectView(rs.getString("id"), rs.getString("title"), rs.getString("summary"), rs.getString("thematic_axis"),
                ConfidentialityLevel.valueOf(rs.getString("confidentiality")), rs.getString("carrier_organisation_id"),
                ProjectStatus.valueOf(rs.getString("status")), rs.getString("process_instance_id"),
                rs.getString("submitted_by"), instant(rs.getTimestamp("submitted_at")),
                rs.getObject("review_deadline", java.time.LocalDate.class), rs.getString("label_decision"),
                rs.getString("label_reasons"), instant(rs.getTimestamp("label_decided_at")), rs.getBigDecimal("average_score"),
                rs.getString("conclusions_message"), instant(rs.getTimestamp("conclusions_communicated_at")),
                rs.getString("abandon_reason"), partners, reviews);
    }

    private void status(String projectId, ProjectStatus status, Instant at) {
        jdbc.sql("UPDATE project SET status = ?, last_updated_at = ? WHERE id = ?")
                .params(status.name(), ts(at), projectId).update();
    }

    private void decision(String projectId, ProjectStatus status, String decision, String reasons,
                          java.math.BigDecimal average, Instant at) {
        jdbc.sql("""
                        UPDATE project SET status = ?, label_decision = ?, label_reasons = ?, label_decided_at = ?,
                          average_score = ?, last_updated_at = ? WHERE id = ?""")
                .params(status.name(), decision, reasons, ts(at), average, ts(at), projectId)
                .update();
    }

    private void touch(String projectId, Instant at) {
        jdbc.sql("UPDATE project SET last_updated_at = ? WHERE id = ?").params(ts(at), projectId).update();
    }

    private static java.sql.Timestamp ts(Instant instant) {
        return java.sql.Timestamp.from(instant);
    }

    private static Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}

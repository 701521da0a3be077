package org.tremplin.project.query;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.platform.query.BatchedWrites;
import org.tremplin.platform.query.ReadModelReset;
import org.tremplin.project.api.ConclusionsCommunicatedEvent;
import org.tremplin.project.api.ConfidentialityLevel;
import org.tremplin.project.api.CountProjectsByStatusQuery;
import org.tremplin.project.api.FindKnownReviewersQuery;
import org.tremplin.project.api.FindPartnershipsQuery;
import org.tremplin.project.api.FindProjectQuery;
import org.tremplin.project.api.FindProjectsOfOrganisationsQuery;
import org.tremplin.project.api.FindProjectsPageQuery;
import org.tremplin.project.api.FindProjectsQuery;
import org.tremplin.project.api.FindVisibleProjectsPageQuery;
import org.tremplin.project.api.FundingCallsChosenEvent;
import org.tremplin.project.api.IdeaSubmittedEvent;
import org.tremplin.project.api.InvitationDeclinedEvent;
import org.tremplin.project.api.LabelGrantedEvent;
import org.tremplin.project.api.LabelRefusedEvent;
import org.tremplin.project.api.NdaSignedEvent;
import org.tremplin.project.api.PartnerInvitedEvent;
import org.tremplin.project.api.PartnerJoinedEvent;
import org.tremplin.project.api.PartnerStatus;
import org.tremplin.project.api.PartnershipView;
import org.tremplin.project.api.ProjectAbandonedEvent;
import org.tremplin.project.api.ProjectClosedEvent;
import org.tremplin.project.api.ProjectCounts;
import org.tremplin.project.api.ProjectStatus;
import org.tremplin.project.api.ProjectSubmittedForLabellingEvent;
import org.tremplin.project.api.ProjectView;
import org.tremplin.project.api.ProjectsPage;
import org.tremplin.project.api.Recommendation;
import org.tremplin.project.api.ReviewRecordedEvent;
import org.tremplin.project.api.ReviewReminderSentEvent;
import org.tremplin.project.api.ReviewersAssignedEvent;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Projects with their consortium and reviews. Handlers are idempotent: events may be delivered twice. */
@Component
@ProcessingGroup("projects")
public class ProjectProjection implements org.tremplin.platform.query.OneRoundTripWrites {

    private final JdbcClient jdbc;
    /** The handlers' writes: in JDBC batches during a replay, at once otherwise. */
    private final BatchedWrites writes;

    /** Every write executed at once (the "as of" rebuilds). */
    public ProjectProjection(JdbcClient jdbc) {
        this(jdbc, null);
    }

    @org.springframework.beans.factory.annotation.Autowired
    public ProjectProjection(JdbcClient jdbc, org.springframework.jdbc.core.JdbcOperations batches) {
        this.jdbc = jdbc;
        this.writes = new BatchedWrites(jdbc, batches, "projects");
    }

    @EventHandler
    void on(IdeaSubmittedEvent event, @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(value = "processInstanceId", required = false) String processInstanceId,
            @MetaDataValue(value = "actor", required = false) String actor) {
        LastUpdates pending = LastUpdates.current();
        String insert = """
                        INSERT INTO project (id, title, summary, thematic_axis, confidentiality, carrier_organisation_id,
                          status, process_instance_id, submitted_by, submitted_at, last_updated_at)
                        SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM project WHERE id = ?)""";
        Object[] values = {event.projectId(), event.title(), event.summary(), event.thematicAxis(),
                event.confidentiality().name(), event.carrierOrganisationId(),
                ProjectStatus.CONSORTIUM_BUILDING.name(), processInstanceId, actor, ts(at), ts(at), event.projectId()};
        if (pending != null && pending.times.containsKey(event.projectId())) {
            // Written by the insert: a time still pending from before (for a row that did not exist) must not win.
            if (writes.now(insert, values) > 0) {
                pending.times.remove(event.projectId());
            }
        } else {
            // Nothing pending for this project: whether the row is created or not, nothing else depends on it.
            writes.write(insert, values, "project:" + event.projectId());
        }
        writes.write("""
                        INSERT INTO project_partner (project_id, organisation_id, organisation_name, kind, lead, status, planned_budget)
                        SELECT ?, ?, ?, ?, TRUE, ?, ? WHERE NOT EXISTS
                          (SELECT 1 FROM project_partner WHERE project_id = ? AND organisation_id = ?)""",
                new Object[]{event.projectId(), event.carrierOrganisationId(), event.carrierName(), event.carrierKind().name(),
                        PartnerStatus.LEAD.name(), event.carrierPlannedBudget(), event.projectId(), event.carrierOrganisationId()},
                partner(event.projectId(), event.carrierOrganisationId()));
    }

    @EventHandler
    void on(PartnerInvitedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        String partner = partner(event.projectId(), event.organisationId());
        writes.write("DELETE FROM project_partner WHERE project_id = ? AND organisation_id = ?",
                new Object[]{event.projectId(), event.organisationId()}, partner);
        writes.write("""
                        INSERT INTO project_partner (project_id, organisation_id, organisation_name, kind, lead, status)
                        VALUES (?, ?, ?, ?, FALSE, ?)""",
                new Object[]{event.projectId(), event.organisationId(), event.organisationName(),
                        event.organisationKind().name(), PartnerStatus.INVITED.name()}, partner);
        touch(event.projectId(), at);
    }

    @EventHandler
    void on(PartnerJoinedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        writes.write("UPDATE project_partner SET status = ?, role = ?, planned_budget = ? WHERE project_id = ? AND organisation_id = ?",
                new Object[]{PartnerStatus.JOINED.name(), event.role(), event.plannedBudget(), event.projectId(), event.organisationId()},
                partner(event.projectId(), event.organisationId()));
        touch(event.projectId(), at);
    }

    @EventHandler
    void on(InvitationDeclinedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        writes.write("UPDATE project_partner SET status = ?, decline_reason = ? WHERE project_id = ? AND organisation_id = ?",
                new Object[]{PartnerStatus.DECLINED.name(), event.reason(), event.projectId(), event.organisationId()},
                partner(event.projectId(), event.organisationId()));
        touch(event.projectId(), at);
    }

    @EventHandler
    void on(NdaSignedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        writes.write("UPDATE project_partner SET nda_signed_at = ?, nda_signed_by = ? WHERE project_id = ? AND organisation_id = ?",
                new Object[]{ts(at), event.signatoryUserId(), event.projectId(), event.organisationId()},
                partner(event.projectId(), event.organisationId()));
        touch(event.projectId(), at);
    }

    @EventHandler
    void on(ProjectSubmittedForLabellingEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        status(event.projectId(), ProjectStatus.AWAITING_REVIEWERS, at);
    }

    @EventHandler
    void on(ReviewersAssignedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        update(UNDER_REVIEW, event.projectId(), at, ProjectStatus.UNDER_REVIEW.name(), event.reviewDeadline());
        int position = 1;
        for (String reviewer : event.reviewerIds()) {
            writes.write("""
                            INSERT INTO project_review (project_id, reviewer_id, position, reminders)
                            SELECT ?, ?, ?, 0 WHERE NOT EXISTS
                              (SELECT 1 FROM project_review WHERE project_id = ? AND reviewer_id = ?)""",
                    new Object[]{event.projectId(), reviewer, position++, event.projectId(), reviewer},
                    review(event.projectId(), reviewer));
        }
    }

    @EventHandler
    void on(ReviewRecordedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        writes.write("""
                        UPDATE project_review SET score = ?, recommendation = ?, conclusions = ?, reviewed_at = ?
                        WHERE project_id = ? AND reviewer_id = ?""",
                new Object[]{event.score(), event.recommendation().name(), event.conclusions(), ts(at), event.projectId(),
                        event.reviewerId()},
                review(event.projectId(), event.reviewerId()));
        touch(event.projectId(), at);
    }

    @EventHandler
    void on(ReviewReminderSentEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        // Guarded by the reminder's time, so that a redelivered event is not counted twice.
        writes.write("""
                        UPDATE project_review SET reminders = reminders + 1, last_reminder_at = ?
                        WHERE project_id = ? AND reviewer_id = ? AND (last_reminder_at IS NULL OR last_reminder_at < ?)""",
                new Object[]{ts(at), event.projectId(), event.reviewerId(), ts(at)},
                review(event.projectId(), event.reviewerId()));
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
        update(CONCLUSIONS, event.projectId(), at, event.message(), ts(at));
    }

    @EventHandler
    void on(org.tremplin.project.api.RefusalContestedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        update(REDRESS_CONTESTED, event.projectId(), at, "CONTESTED", event.redressDeadline(), event.arguments(), ts(at));
    }

    @EventHandler
    void on(org.tremplin.project.api.RedressDeadlinePassedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        update(REDRESS_LAPSED, event.projectId(), at, "LAPSED", event.redressDeadline(), ts(at));
    }

    @EventHandler
    void on(org.tremplin.project.api.RefusalConfirmedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        update(REDRESS_DECIDED, event.projectId(), at, "CONFIRMED", event.reasons(), ts(at));
    }

    /**
     * After a redress sends the file back, the project waits for new reviewers again (src/docs/redress.md): the
     * earlier decision and reviews leave the current file (they stay in its history).
     */
    @EventHandler
    void on(org.tremplin.project.api.FileSentBackForReviewEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        update(SENT_BACK, event.projectId(), at, ProjectStatus.AWAITING_REVIEWERS.name(), "SENT_BACK", event.reasons(), ts(at));
        // Through the batched writes, after the assignment that inserted the rows: executed at once here, a replay's
        // batch deleted nothing (the rows were still queued) and kept the former reviewers in the current file.
        for (String reviewer : event.formerReviewerIds()) {
            writes.write("DELETE FROM project_review WHERE project_id = ? AND reviewer_id = ?",
                    new Object[]{event.projectId(), reviewer}, review(event.projectId(), reviewer));
        }
    }

    @EventHandler
    void on(ProjectAbandonedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        update(ABANDONED, event.projectId(), at, ProjectStatus.ABANDONED.name(), event.reason());
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
        ReadModelReset.empty(jdbc, "project_review", "project_partner", "project");
    }

    /**
     * A project with its partners and reviews in one statement: the project's row joined to its partner rows then its
     * review rows (the project's columns repeated on each; one row with neither when it has none), partners lead first
     * then by name, reviews by position, as the former statements read them. It was three statements, a round
     * trip each; a project is read by most steps' access checks and the label decision's capacity check, about five
     * times a labelling (src/docs/performance.md, session 42).
     */
    @QueryHandler
    public Optional<ProjectView> handle(FindProjectQuery query) {
        String id = query.projectId();
        ProjectView[] view = {null};
        List<ProjectView.PartnerView> partners = new ArrayList<>();
        List<ProjectView.ReviewView> reviews = new ArrayList<>();
        jdbc.sql("""
                        SELECT p.*, x.part, x.organisation_id, x.organisation_name, x.kind, x.lead, x.partner_status,
                               x.role, x.planned_budget, x.nda_signed_at, x.nda_signed_by, x.decline_reason,
                               x.reviewer_id, x.position, x.score, x.recommendation, x.conclusions, x.reviewed_at,
                               x.reminders
                        FROM project p
                        LEFT JOIN (
                            SELECT 'p' AS part, organisation_id, organisation_name, kind, lead, status AS partner_status,
                                   role, planned_budget, nda_signed_at, nda_signed_by, decline_reason,
                                   CAST(NULL AS VARCHAR(64)) AS reviewer_id, CAST(NULL AS INTEGER) AS position,
                                   CAST(NULL AS INTEGER) AS score, CAST(NULL AS VARCHAR(20)) AS recommendation,
                                   CAST(NULL AS VARCHAR(4000)) AS conclusions,
                                   CAST(NULL AS TIMESTAMP WITH TIME ZONE) AS reviewed_at, CAST(NULL AS INTEGER) AS reminders
                            FROM project_partner WHERE project_id = ?
                            UNION ALL
                            SELECT 'r', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                                   reviewer_id, position, score, recommendation, conclusions, reviewed_at, reminders
                            FROM project_review WHERE project_id = ?
                        ) x ON 1 = 1
                        WHERE p.id = ?
                        ORDER BY x.part, x.lead DESC, x.organisation_name, x.position""")
                .params(id, id, id)
                .query((java.sql.ResultSet rs) -> {
                    if (view[0] == null) {
                        view[0] = project(rs, partners, reviews);
                    }
                    String part = rs.getString("part");
                    if ("p".equals(part)) {
                        partners.add(partner(rs, "partner_status"));
                    } else if ("r".equals(part)) {
                        reviews.add(review(rs, 0));
                    }
                });
        return Optional.ofNullable(view[0]);
    }

    /** Every project, newest first: three queries whatever the number of projects (partners and reviews read at once). */
    @QueryHandler
    public List<ProjectView> handle(FindProjectsQuery query) {
        return projects("", "", List.of());
    }

    /** Every user ever assigned a review, read from the reviews alone. */
    @QueryHandler
    public List<String> handle(FindKnownReviewersQuery query) {
        return jdbc.sql("SELECT DISTINCT reviewer_id FROM project_review").query(String.class).list();
    }

    /** How many projects there are at each stage, counted by the database. */
    @QueryHandler
    public ProjectCounts handle(CountProjectsByStatusQuery query) {
        java.util.Map<ProjectStatus, Long> counts = new java.util.EnumMap<>(ProjectStatus.class);
        jdbc.sql("SELECT status, COUNT(*) AS n FROM project GROUP BY status")
                .query((java.sql.ResultSet rs) -> {
                    counts.put(ProjectStatus.valueOf(rs.getString("status")), rs.getLong("n"));
                });
        return new ProjectCounts(counts);
    }

    /**
     * One page of the projects a caller other than pole staff and auditors may see, newest first: the visibility
     * decided in SQL (see {@link FindVisibleProjectsPageQuery}), the page's ids through the {@code submitted_at} index,
     * then only those projects with their partners and reviews, and the count of all it may see.
     */
    @QueryHandler
    public ProjectsPage handle(FindVisibleProjectsPageQuery query) {
        List<Object> params = new java.util.ArrayList<>();
        StringBuilder visible = new StringBuilder();
        if (query.partnerPole()) {
            if (query.askedProjectIds().isEmpty()) {
                return new ProjectsPage(0, List.of());
            }
            visible.append("p.id IN (").append(marks(query.askedProjectIds().size())).append(')');
            params.addAll(new java.util.TreeSet<>(query.askedProjectIds()));
        } else {
            visible.append("p.confidentiality = 'PUBLIC'");
            visible.append(" OR p.id IN (SELECT r.project_id FROM project_review r WHERE r.reviewer_id = ?)");
            params.add(query.userId());
            if (!query.organisationIds().isEmpty()) {
                List<String> organisations = List.copyOf(new java.util.TreeSet<>(query.organisationIds()));
                String in = "IN (" + marks(organisations.size()) + ")";
                visible.append(" OR p.confidentiality = 'MEMBERS'");
                visible.append(" OR p.carrier_organisation_id ").append(in);
                params.addAll(organisations);
                visible.append(" OR p.id IN (SELECT pp.project_id FROM project_partner pp WHERE pp.organisation_id ")
                        .append(in).append(" AND pp.status IN ('INVITED', 'JOINED')")
                        .append(" AND (pp.nda_signed_at IS NOT NULL OR p.confidentiality <> 'RESTRICTED'))");
                params.addAll(organisations);
            }
        }
        String where = " WHERE (" + visible + ")";
        if (query.status() != null) {
            where += " AND p.status = ?";
            params.add(query.status().name());
        }
        return page(where, params, query.offset(), query.limit());
    }

    /**
     * One page of every project, newest first: the project rows of the page through the {@code submitted_at} index,
     * then their partners and reviews only, and the count of all.
     */
    @QueryHandler
    public ProjectsPage handle(FindProjectsPageQuery query) {
        String where = query.status() == null ? "" : " WHERE p.status = ?";
        List<Object> params = query.status() == null ? List.of() : List.of(query.status().name());
        return page(where, params, query.offset(), query.limit());
    }

    /**
     * The projects {@code where} keeps (on {@code project p}), counted, and one page of them newest first: the page's
     * ids through the {@code submitted_at} index, then only those projects with their partners and reviews.
     */
    private ProjectsPage page(String where, List<Object> params, long offset, int limit) {
        long total = jdbc.sql("SELECT COUNT(*) FROM project p" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new java.util.ArrayList<>(params);
        pageParams.add(limit);
        pageParams.add(offset);
        List<String> ids = jdbc.sql("SELECT p.id FROM project p" + where + " ORDER BY p.submitted_at DESC, p.id LIMIT ? OFFSET ?")
                .params(pageParams).query(String.class).list();
        if (ids.isEmpty()) {
            return new ProjectsPage(total, List.of());
        }
        String ofPage = "IN (" + marks(ids.size()) + ")";
        return new ProjectsPage(total, projects(" WHERE project_id " + ofPage, " WHERE id " + ofPage, ids));
    }

    private static String marks(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    /**
     * The projects of these organisations, newest first: the same three queries, restricted through the partners'
     * index by organisation, so that the cost follows the organisations' projects, not the pole's.
     */
    @QueryHandler
    public List<ProjectView> handle(FindProjectsOfOrganisationsQuery query) {
        if (query.organisationIds().isEmpty()) {
            return List.of();
        }
        List<String> ids = List.copyOf(new java.util.TreeSet<>(query.organisationIds()));
        String ofOrganisations = "IN (SELECT project_id FROM project_partner WHERE organisation_id IN ("
                + marks(ids.size()) + "))";
        return projects(" WHERE project_id " + ofOrganisations, " WHERE id " + ofOrganisations, ids);
    }

    /**
     * Each organisation's row in the projects at these stages, newest project first, reading neither the other
     * partners nor the reviews (a capacity check read the whole view of each of its organisations' projects: three
     * statements, each planned afresh on PostgreSQL, and every partner and review row of those projects;
     * src/docs/performance.md, session 35). Every organisation's rows (the overview) are one statement joining the
     * partners to their projects; some organisations' rows are two, see {@link #partnershipsOf}.
     */
    @QueryHandler
    public List<PartnershipView> handle(FindPartnershipsQuery query) {
        if (query.projectStatuses().isEmpty() || (query.organisationIds() != null && query.organisationIds().isEmpty())) {
            return List.of();
        }
        List<Object> statuses = query.projectStatuses().stream().map(Enum::name).sorted().collect(
                Collectors.toCollection(ArrayList::new));
        if (query.organisationIds() != null) {
            return partnershipsOf(query.organisationIds(), statuses);
        }
        return jdbc.sql("SELECT pp.project_id, p.title, p.status AS project_status, pp.organisation_id, pp.status,"
                        + " pp.planned_budget FROM project_partner pp JOIN project p ON p.id = pp.project_id"
                        + " WHERE p.status IN (" + marks(statuses.size()) + ")"
                        + " ORDER BY p.submitted_at DESC, p.id, pp.organisation_id")
                .params(statuses)
                .query((rs, row) -> new PartnershipView(rs.getString("project_id"), rs.getString("title"),
                        ProjectStatus.valueOf(rs.getString("project_status")), rs.getString("organisation_id"),
                        PartnerStatus.valueOf(rs.getString("status")), rs.getBigDecimal("planned_budget")))
                .list();
    }

    /** Up to this many project ids in one {@code IN} list of {@link #partnershipsOf} (a power of two). */
    static final int PROJECTS_PER_STATEMENT = 512;

    /**
     * These organisations' rows through the partners' index by organisation, then their projects by primary key, so
     * that a check costs what its organisations' own projects cost. Joined in one statement, PostgreSQL's plan for a
     * pole of a few thousand projects read the whole {@code project} table (a hash join: 1 to 3 ms a label decision,
     * growing with the pole until about 6,000 projects; src/docs/performance.md, session 41). Newest project first,
     * then by project id and organisation id.
     */
    private List<PartnershipView> partnershipsOf(Set<String> organisationIds, List<Object> statuses) {
        record Partner(String projectId, String organisationId, PartnerStatus status, BigDecimal plannedBudget) {
        }
        record Project(String id, String title, ProjectStatus status, Timestamp submittedAt) {
        }
        List<String> organisations = List.copyOf(new TreeSet<>(organisationIds));
        Map<String, List<Partner>> partners = new TreeMap<>();
        jdbc.sql("SELECT project_id, organisation_id, status, planned_budget FROM project_partner"
                        + " WHERE organisation_id IN (" + marks(organisations.size()) + ")")
                .params(organisations)
                .query((ResultSet rs) -> {
                    partners.computeIfAbsent(rs.getString("project_id"), id -> new ArrayList<>())
                            .add(new Partner(rs.getString("project_id"), rs.getString("organisation_id"),
                                    PartnerStatus.valueOf(rs.getString("status")), rs.getBigDecimal("planned_budget")));
                });
        List<String> projectIds = List.copyOf(partners.keySet());
        List<Project> projects = new ArrayList<>();
        for (int from = 0; from < projectIds.size(); from += PROJECTS_PER_STATEMENT) {
            List<String> some = projectIds.subList(from, Math.min(projectIds.size(), from + PROJECTS_PER_STATEMENT));
            // the list padded to a power of two with its last id: a few statements, each prepared once, whatever the
            // number of projects (PostgreSQL plans and keeps each statement; one a length would be planned afresh)
            int length = Integer.highestOneBit(some.size() * 2 - 1);
            List<Object> params = new ArrayList<>(statuses);
            params.addAll(some);
            params.addAll(java.util.Collections.nCopies(length - some.size(), some.get(some.size() - 1)));
            projects.addAll(jdbc.sql("SELECT id, title, status, submitted_at FROM project WHERE status IN ("
                            + marks(statuses.size()) + ") AND id IN (" + marks(length) + ")")
                    .params(params)
                    .query((rs, row) -> new Project(rs.getString("id"), rs.getString("title"),
                            ProjectStatus.valueOf(rs.getString("status")), rs.getTimestamp("submitted_at")))
                    .list());
        }
        projects.sort(Comparator.comparing(Project::submittedAt).reversed().thenComparing(Project::id));
        List<PartnershipView> rows = new ArrayList<>();
        for (Project project : projects) {
            partners.get(project.id()).stream().sorted(Comparator.comparing(Partner::organisationId))
                    .forEach(partner -> rows.add(new PartnershipView(project.id(), project.title(), project.status(),
                            partner.organisationId(), partner.status(), partner.plannedBudget())));
        }
        return rows;
    }

    /** Projects with their partners and reviews: the partner and review rows, then the project rows, each filtered. */
    private List<ProjectView> projects(String partOfProjects, String projects, List<String> params) {
        java.util.Map<String, List<ProjectView.PartnerView>> partners = new java.util.HashMap<>();
        jdbc.sql("SELECT * FROM project_partner" + partOfProjects + " ORDER BY project_id, lead DESC, organisation_name")
                .params(params)
                .query((java.sql.ResultSet rs) -> {
                    partners.computeIfAbsent(rs.getString("project_id"), id -> new java.util.ArrayList<>())
                            .add(partner(rs, 0));
                });
        java.util.Map<String, List<ProjectView.ReviewView>> reviews = new java.util.HashMap<>();
        jdbc.sql("SELECT * FROM project_review" + partOfProjects + " ORDER BY project_id, position")
                .params(params)
                .query((java.sql.ResultSet rs) -> {
                    reviews.computeIfAbsent(rs.getString("project_id"), id -> new java.util.ArrayList<>())
                            .add(review(rs, 0));
                });
        return jdbc.sql("SELECT * FROM project" + projects + " ORDER BY submitted_at DESC, id")
                .params(params)
                .query((rs, row) -> project(rs, partners.getOrDefault(rs.getString("id"), List.of()),
                        reviews.getOrDefault(rs.getString("id"), List.of())))
                .list();
    }

    private static ProjectView.PartnerView partner(ResultSet p, int row) throws SQLException {
        return partner(p, "status");
    }

    /** A partner row, its status in this column (the project's own status shares the row of a joined read). */
    private static ProjectView.PartnerView partner(ResultSet p, String statusColumn) throws SQLException {
        return new ProjectView.PartnerView(p.getString("organisation_id"), p.getString("organisation_name"),
                OrganisationKind.valueOf(p.getString("kind")), p.getBoolean("lead"),
                PartnerStatus.valueOf(p.getString(statusColumn)), p.getString("role"), p.getBigDecimal("planned_budget"),
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
                rs.getString("abandon_reason"), partners, reviews, redress(rs));
    }

    private static ProjectView.RedressView redress(ResultSet rs) throws SQLException {
        String state = rs.getString("redress_state");
        return state == null ? null : new ProjectView.RedressView(org.tremplin.project.api.RedressState.valueOf(state),
                rs.getObject("redress_deadline", java.time.LocalDate.class), rs.getString("redress_arguments"),
                rs.getString("redress_reasons"), instant(rs.getTimestamp("redress_updated_at")));
    }

    private void status(String projectId, ProjectStatus status, Instant at) {
        update(STATUS, projectId, at, status.name());
    }

    private void decision(String projectId, ProjectStatus status, String decision, String reasons,
                          java.math.BigDecimal average, Instant at) {
        update(DECISION, projectId, at, status.name(), decision, reasons, ts(at), average);
    }

    private void touch(String projectId, Instant at) {
        update(TOUCH, projectId, at);
    }

    // ---- the project's last_updated_at ----------------------------------------------------------------------

    /*
     * Most project events only move last_updated_at: one UPDATE of the project row per event, a quarter of this
     * projection's time in a replay (profiled). Inside a unit of work (a processor's batch of events, live or
     * replayed) the time is kept per project and written once per project when the unit of work prepares its commit,
     * in the same transaction: the value is the one the last event of the batch set, as before. Outside a unit of
     * work (the "as of" rebuild), and for a batch of one event (a live step's, the usual case), it is written with the
     * event's other changes, in the same statement.
     */
    private static final ProjectUpdate TOUCH = new ProjectUpdate("");
    private static final ProjectUpdate STATUS = new ProjectUpdate("status = ?");
    private static final ProjectUpdate UNDER_REVIEW = new ProjectUpdate("status = ?, review_deadline = ?");
    private static final ProjectUpdate CONCLUSIONS = new ProjectUpdate("conclusions_message = ?, conclusions_communicated_at = ?");
    private static final ProjectUpdate REDRESS_CONTESTED = new ProjectUpdate(
            "redress_state = ?, redress_deadline = ?, redress_arguments = ?, redress_updated_at = ?");
    private static final ProjectUpdate REDRESS_LAPSED = new ProjectUpdate(
            "redress_state = ?, redress_deadline = ?, redress_updated_at = ?");
    private static final ProjectUpdate REDRESS_DECIDED = new ProjectUpdate(
            "redress_state = ?, redress_reasons = ?, redress_updated_at = ?");
    private static final ProjectUpdate SENT_BACK = new ProjectUpdate(
            "status = ?, redress_state = ?, redress_reasons = ?, redress_updated_at = ?, review_deadline = NULL, "
                    + "label_decision = NULL, label_reasons = NULL, label_decided_at = NULL, average_score = NULL, "
                    + "conclusions_message = NULL, conclusions_communicated_at = NULL");
    private static final ProjectUpdate ABANDONED = new ProjectUpdate("status = ?, abandon_reason = ?");
    private static final ProjectUpdate DECISION = new ProjectUpdate(
            "status = ?, label_decision = ?, label_reasons = ?, label_decided_at = ?, average_score = ?");
    private static final String LAST_UPDATED = "UPDATE project SET last_updated_at = ? WHERE id = ?";

    /** One UPDATE of a project row, in two fixed texts: without last_updated_at (deferred) and with it. */
    private record ProjectUpdate(String deferred, String immediate) {
        ProjectUpdate(String set) {
            this(set.isEmpty() ? null : "UPDATE project SET " + set + " WHERE id = ?",
                    "UPDATE project SET " + (set.isEmpty() ? "" : set + ", ") + "last_updated_at = ? WHERE id = ?");
        }
    }

    private void update(ProjectUpdate update, String projectId, Instant at, Object... values) {
        LastUpdates pending = LastUpdates.current();
        Object[] params;
        String sql;
        if (pending != null) {
            pending.later(this, projectId, ts(at));
            if (update.deferred() == null) {
                return;
            }
            sql = update.deferred();
            params = java.util.Arrays.copyOf(values, values.length + 1);
        } else {
            sql = update.immediate();
            params = java.util.Arrays.copyOf(values, values.length + 2);
            params[values.length] = ts(at);
        }
        params[params.length - 1] = projectId;
        writes.write(sql, params, "project:" + projectId);
    }

    /** The footprints of the batched writes (see BatchedWrites): one partner, one review. */
    private static String partner(String projectId, String organisationId) {
        return "project_partner:" + projectId + "|" + organisationId;
    }

    private static String review(String projectId, String reviewerId) {
        return "project_review:" + projectId + "|" + reviewerId;
    }

    /** The last_updated_at still to write in the current unit of work, per project, in the order of the events. */
    private static final class LastUpdates {

        private static final String RESOURCE = LastUpdates.class.getName();

        private final java.util.Map<String, java.sql.Timestamp> times = new java.util.LinkedHashMap<>();

        static LastUpdates current() {
            if (!org.axonframework.messaging.unitofwork.CurrentUnitOfWork.isStarted()) {
                return null;
            }
            org.axonframework.messaging.unitofwork.UnitOfWork<?> unitOfWork =
                    org.axonframework.messaging.unitofwork.CurrentUnitOfWork.get().root();
            if (unitOfWork instanceof org.axonframework.messaging.unitofwork.BatchingUnitOfWork<?> batch
                    && batch.getMessages().size() == 1 || org.tremplin.platform.query.InStep.current()) {
                // a lone event (a live step's) or a step's own events in its transaction: each event's time goes with
                // its other changes, one statement instead of two
                return null;
            }
            return unitOfWork.getOrComputeResource(RESOURCE, key -> {
                LastUpdates created = new LastUpdates();
                unitOfWork.onPrepareCommit(u -> created.flush());
                return created;
            });
        }

        private ProjectProjection projection;

        void later(ProjectProjection projection, String projectId, java.sql.Timestamp at) {
            this.projection = projection;
            times.put(projectId, at);
        }

        void flush() {
            if (times.isEmpty()) {
                return;
            }
            List<Object[]> params = new java.util.ArrayList<>(times.size());
            times.forEach((projectId, at) -> params.add(new Object[]{at, projectId}));
            times.clear();
            // After the handlers' queued writes, in one batch during a replay.
            projection.writes.batch(LAST_UPDATED, params);
        }
    }

    private static java.sql.Timestamp ts(Instant instant) {
        return java.sql.Timestamp.from(instant);
    }

    private static Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}

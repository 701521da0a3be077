package org.tremplin.funding.query;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Cross-project reads of the funding tables for pole staff's console pages (the API reads one project, application,
 * convention or funder at a time): the overdue stages of every funder, and the funding granted and paid per project
 * and per funder. Callers check that the reader is pole staff (or an auditor), as {@code FundingController} does for
 * everything it returns unfiltered.
 */
@Component
public class FundingOverview {

    /** A stage reported past the funder's service level; {@code open} while the stage has not ended. */
    public record OverdueStage(String funderId, String funderName, String projectId, String applicationId,
                               String conventionId, String stage, int serviceLevelDays, Instant reportedAt,
                               boolean open, int chaseCount) {
    }

    /** Funding granted (conventions' current grants) and paid, per project or per funder. */
    public record Totals(String id, String name, BigDecimal granted, BigDecimal paid) {
    }

    private final JdbcClient jdbc;

    public FundingOverview(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every overdue stage, the open ones first, by funder name then oldest report. */
    public List<OverdueStage> overdueStages() {
        return jdbc.sql("""
                        SELECT o.*, f.name AS funder_name, l.ended_at AS ended_at,
                               (SELECT COUNT(*) FROM funding_stage_chase c WHERE c.subject_id = o.subject_id AND c.stage = o.stage) AS chases
                        FROM funding_stage_overdue o
                        LEFT JOIN funder f ON f.id = o.funder_id
                        LEFT JOIN funding_lead_time l ON l.subject_id = o.subject_id AND l.stage = o.stage
                        ORDER BY CASE WHEN l.ended_at IS NULL THEN 0 ELSE 1 END, f.name, o.funder_id, o.reported_at""")
                .query((rs, n) -> new OverdueStage(rs.getString("funder_id"), rs.getString("funder_name"),
                        rs.getString("project_id"), rs.getString("application_id"), rs.getString("convention_id"),
                        rs.getString("stage"), rs.getInt("service_level_days"), instant(rs, "reported_at"),
                        rs.getObject("ended_at") == null, rs.getInt("chases")))
                .list();
    }

    /** Granted and paid per project, the most granted first (at most {@code limit} projects). */
    public List<Totals> perProject(int limit) {
        return jdbc.sql("""
                        SELECT project_id, SUM(granted_amount) AS granted, SUM(paid_total) AS paid
                        FROM convention GROUP BY project_id ORDER BY SUM(granted_amount) DESC, project_id
                        LIMIT :limit""")
                .param("limit", limit)
                .query((rs, n) -> new Totals(rs.getString("project_id"), rs.getString("project_id"),
                        money(rs, "granted"), money(rs, "paid")))
                .list();
    }

    /** Granted and paid per funder (its own conventions), by funder name. */
    public List<Totals> perFunder() {
        return jdbc.sql("""
                        SELECT f.id, f.name, COALESCE(SUM(c.granted_amount), 0) AS granted, COALESCE(SUM(c.paid_total), 0) AS paid
                        FROM funder f LEFT JOIN convention c ON c.funder_id = f.id
                        GROUP BY f.id, f.name ORDER BY f.name, f.id""")
                .query((rs, n) -> new Totals(rs.getString("id"), rs.getString("name"), money(rs, "granted"),
                        money(rs, "paid")))
                .list();
    }

    private static BigDecimal money(ResultSet rs, String column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return value == null ? BigDecimal.ZERO.setScale(2) : value.setScale(2, java.math.RoundingMode.HALF_UP);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp time = rs.getTimestamp(column);
        return time == null ? null : time.toInstant();
    }
}

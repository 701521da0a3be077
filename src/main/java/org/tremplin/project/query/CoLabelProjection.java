package org.tremplin.project.query;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tremplin.platform.query.ReadModelReset;
import org.tremplin.project.api.CoLabelGrantedEvent;
import org.tremplin.project.api.CoLabelRefusedEvent;
import org.tremplin.project.api.CoLabelRequestWithdrawnEvent;
import org.tremplin.project.api.CoLabelRequestedEvent;
import org.tremplin.project.api.CoLabelStatus;
import org.tremplin.project.api.CoLabelView;
import org.tremplin.project.api.FindCoLabelsOfProjectQuery;
import org.tremplin.project.api.FindProjectsAskedOfPolesQuery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Each project's latest request to each partner pole (co-labelling). Handlers are idempotent: events may be delivered
 * twice; a new request of the same pole replaces the row (the earlier ones stay in the events).
 */
@Component
@ProcessingGroup("projects")
public class CoLabelProjection {

    private final JdbcClient jdbc;

    public CoLabelProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CoLabelRequestedEvent event, @Timestamp Instant at) {
        // an earlier request of the same pole gives way; the same request delivered again changes nothing
        jdbc.sql("DELETE FROM co_label WHERE id = ? AND requested_at < ?")
                .params(event.coLabelId(), java.sql.Timestamp.from(at)).update();
        jdbc.sql("""
                        INSERT INTO co_label (id, project_id, pole_id, pole_name, status, requested_by, requested_at, message)
                        SELECT ?, ?, ?, ?, 'PENDING', ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM co_label WHERE id = ?)""")
                .params(event.coLabelId(), event.projectId(), event.poleId(), event.poleName(), event.requestedBy(),
                        java.sql.Timestamp.from(at), event.message(), event.coLabelId())
                .update();
    }

    @EventHandler
    void on(CoLabelGrantedEvent event, @Timestamp Instant at) {
        decided(event.coLabelId(), CoLabelStatus.GRANTED, event.decidedBy(), event.conclusions(), at);
    }

    @EventHandler
    void on(CoLabelRefusedEvent event, @Timestamp Instant at) {
        decided(event.coLabelId(), CoLabelStatus.REFUSED, event.decidedBy(), event.conclusions(), at);
    }

    @EventHandler
    void on(CoLabelRequestWithdrawnEvent event, @Timestamp Instant at) {
        jdbc.sql("UPDATE co_label SET status = 'WITHDRAWN', withdrawn_by = ?, withdrawn_at = ?, withdrawal_reason = ? "
                        + "WHERE id = ? AND requested_at <= ?")
                .params(event.withdrawnBy(), java.sql.Timestamp.from(at), event.reason(), event.coLabelId(),
                        java.sql.Timestamp.from(at))
                .update();
    }

    private void decided(String id, CoLabelStatus status, String decidedBy, String conclusions, Instant at) {
        jdbc.sql("UPDATE co_label SET status = ?, decided_by = ?, decided_at = ?, conclusions = ? "
                        + "WHERE id = ? AND requested_at <= ?")
                .params(status.name(), decidedBy, java.sql.Timestamp.from(at), conclusions, id, java.sql.Timestamp.from(at))
                .update();
    }

    @ResetHandler
    void reset() {
        ReadModelReset.empty(jdbc, "co_label");
    }

    @QueryHandler
    public List<CoLabelView> handle(FindCoLabelsOfProjectQuery query) {
        return jdbc.sql("SELECT * FROM co_label WHERE project_id = ? ORDER BY requested_at, id")
                .param(query.projectId()).query((rs, n) -> view(rs)).list();
    }

    @QueryHandler
    public List<String> handle(FindProjectsAskedOfPolesQuery query) {
        if (query.poleIds() == null || query.poleIds().isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT DISTINCT project_id FROM co_label WHERE pole_id IN (:poles) ORDER BY project_id")
                .param("poles", query.poleIds()).query(String.class).list();
    }

    private static CoLabelView view(ResultSet rs) throws SQLException {
        return new CoLabelView(rs.getString("id"), rs.getString("project_id"), rs.getString("pole_id"),
                rs.getString("pole_name"), CoLabelStatus.valueOf(rs.getString("status")), rs.getString("requested_by"),
                instant(rs, "requested_at"), rs.getString("message"), rs.getString("decided_by"),
                instant(rs, "decided_at"), rs.getString("conclusions"), rs.getString("withdrawn_by"),
                instant(rs, "withdrawn_at"), rs.getString("withdrawal_reason"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        java.sql.Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}

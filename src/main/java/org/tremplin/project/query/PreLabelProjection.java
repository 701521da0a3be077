package org.tremplin.project.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tremplin.platform.query.ReadModelReset;
import org.tremplin.project.api.FindPreLabelQuery;
import org.tremplin.project.api.PreLabelOpinion;
import org.tremplin.project.api.PreLabelOpinionGivenEvent;
import org.tremplin.project.api.PreLabelOrientation;
import org.tremplin.project.api.PreLabelOrientationComputedEvent;
import org.tremplin.project.api.PreLabelRequestedEvent;
import org.tremplin.project.api.PreLabelRoundClosedEvent;
import org.tremplin.project.api.PreLabelView;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The project's pre-label, its latest round (issue 13). Handlers are idempotent: a round's request replaces an earlier
 * round only when it is newer; the orientation, the opinion and the closing apply to their own round only.
 */
@Component
@ProcessingGroup("projects")
public class PreLabelProjection {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public PreLabelProjection(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(PreLabelRequestedEvent event, @Timestamp Instant at) {
        int updated = jdbc.sql("""
                        UPDATE pre_label SET round = ?, status = 'PENDING', requested_by = ?, requested_at = ?, note = ?,
                          opinion = NULL, advice = NULL, required_changes = NULL, expert = NULL, answered_at = NULL,
                          orientation = NULL, orientation_at = NULL, closed_reason = NULL, closed_at = NULL
                        WHERE project_id = ? AND round < ?""")
                .params(event.round(), event.requestedBy(), java.sql.Timestamp.from(at), event.note(),
                        event.projectId(), event.round())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO pre_label (project_id, pre_label_id, round, status, requested_by, requested_at, note)
                            SELECT ?, ?, ?, 'PENDING', ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM pre_label WHERE project_id = ?)""")
                    .params(event.projectId(), event.preLabelId(), event.round(), event.requestedBy(),
                            java.sql.Timestamp.from(at), event.note(), event.projectId())
                    .update();
        }
    }

    @EventHandler
    void on(PreLabelOrientationComputedEvent event, @Timestamp Instant at) throws JsonProcessingException {
        jdbc.sql("UPDATE pre_label SET orientation = ?, orientation_at = ? WHERE project_id = ? AND round = ?")
                .params(json.writeValueAsString(event.orientation()), java.sql.Timestamp.from(at), event.projectId(),
                        event.round())
                .update();
    }

    @EventHandler
    void on(PreLabelOpinionGivenEvent event, @Timestamp Instant at) {
        jdbc.sql("""
                        UPDATE pre_label SET status = 'ANSWERED', opinion = ?, advice = ?, required_changes = ?, expert = ?,
                          answered_at = ? WHERE project_id = ? AND round = ?""")
                .params(event.opinion().name(), event.advice(), String.join("\n", event.requiredChanges()),
                        event.expert(), java.sql.Timestamp.from(at), event.projectId(), event.round())
                .update();
    }

    @EventHandler
    void on(PreLabelRoundClosedEvent event, @Timestamp Instant at) {
        jdbc.sql("UPDATE pre_label SET status = 'CLOSED', closed_reason = ?, closed_at = ? WHERE project_id = ? AND round = ?")
                .params(event.reason(), java.sql.Timestamp.from(at), event.projectId(), event.round())
                .update();
    }

    @ResetHandler
    void reset() {
        ReadModelReset.empty(jdbc, "pre_label");
    }

    @QueryHandler
    public Optional<PreLabelView> handle(FindPreLabelQuery query) {
        return jdbc.sql("SELECT * FROM pre_label WHERE project_id = ?").param(query.projectId())
                .query((rs, n) -> view(rs)).optional();
    }

    private PreLabelView view(ResultSet rs) throws SQLException {
        String opinion = rs.getString("opinion");
        String changes = rs.getString("required_changes");
        String orientation = rs.getString("orientation");
        PreLabelOrientation parsed;
        try {
            parsed = orientation == null ? null : json.readValue(orientation, PreLabelOrientation.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable orientation of " + rs.getString("project_id"), e);
        }
        return new PreLabelView(rs.getString("project_id"), rs.getString("pre_label_id"), rs.getInt("round"),
                rs.getString("status"), rs.getString("requested_by"), instant(rs, "requested_at"), rs.getString("note"),
                opinion == null ? null : PreLabelOpinion.valueOf(opinion), rs.getString("advice"),
                changes == null || changes.isEmpty() ? List.of() : Arrays.asList(changes.split("\n")),
                rs.getString("expert"), instant(rs, "answered_at"), parsed, instant(rs, "orientation_at"),
                rs.getString("closed_reason"), instant(rs, "closed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        java.sql.Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}

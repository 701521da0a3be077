package org.tremplin.project.query;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tremplin.platform.query.ReadModelReset;
import org.tremplin.project.api.FindIpPreDiagnosesOfProjectQuery;
import org.tremplin.project.api.IpPreDiagnosisFindingsRecordedEvent;
import org.tremplin.project.api.IpPreDiagnosisRequestedEvent;
import org.tremplin.project.api.IpPreDiagnosisSummarySharedEvent;
import org.tremplin.project.api.IpPreDiagnosisView;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** IP pre-diagnoses by project. Handlers are idempotent: events may be delivered twice. */
@Component
@ProcessingGroup("projects")
public class IpPreDiagnosisProjection {

    private final JdbcClient jdbc;

    public IpPreDiagnosisProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(IpPreDiagnosisRequestedEvent event, @Timestamp Instant at) {
        jdbc.sql("""
                        INSERT INTO ip_pre_diagnosis (id, project_id, organisation_id, status, requested_by, requested_at)
                        SELECT ?, ?, ?, 'REQUESTED', ?, ? WHERE NOT EXISTS (SELECT 1 FROM ip_pre_diagnosis WHERE id = ?)""")
                .params(event.preDiagnosisId(), event.projectId(), event.organisationId(), event.requestedBy(),
                        java.sql.Timestamp.from(at), event.preDiagnosisId())
                .update();
    }

    @EventHandler
    void on(IpPreDiagnosisFindingsRecordedEvent event, @Timestamp Instant at) {
        jdbc.sql("""
                        UPDATE ip_pre_diagnosis SET status = CASE WHEN shared_at IS NULL THEN 'FINDINGS_RECORDED' ELSE status END,
                          adviser = ?, prior_art_to_check = ?, file_before_disclosure = ?, keep_secret = ?,
                          findings_recorded_at = ? WHERE id = ?""")
                .params(event.adviser(), event.priorArtToCheck(), event.fileBeforeDisclosure(), event.keepSecret(),
                        java.sql.Timestamp.from(at), event.preDiagnosisId())
                .update();
    }

    @EventHandler
    void on(IpPreDiagnosisSummarySharedEvent event, @Timestamp Instant at) {
        jdbc.sql("UPDATE ip_pre_diagnosis SET status = 'SUMMARY_SHARED', shared_summary = ?, shared_at = ? WHERE id = ?")
                .params(event.summary(), java.sql.Timestamp.from(at), event.preDiagnosisId())
                .update();
    }

    @ResetHandler
    void reset() {
        ReadModelReset.empty(jdbc, "ip_pre_diagnosis");
    }

    @QueryHandler
    public List<IpPreDiagnosisView> handle(FindIpPreDiagnosesOfProjectQuery query) {
        return jdbc.sql("SELECT * FROM ip_pre_diagnosis WHERE project_id = ? ORDER BY requested_at, id")
                .param(query.projectId()).query((rs, n) -> view(rs)).list();
    }

    @QueryHandler
    public List<IpPreDiagnosisView> handle(org.tremplin.project.api.FindPendingIpPreDiagnosesQuery query) {
        return jdbc.sql("SELECT * FROM ip_pre_diagnosis WHERE status = 'REQUESTED' ORDER BY requested_at, id")
                .query((rs, n) -> view(rs)).list();
    }

    private static IpPreDiagnosisView view(ResultSet rs) throws SQLException {
        return new IpPreDiagnosisView(rs.getString("id"), rs.getString("project_id"), rs.getString("organisation_id"),
                rs.getString("status"), rs.getString("requested_by"), instant(rs, "requested_at"), rs.getString("adviser"),
                rs.getString("prior_art_to_check"), rs.getString("file_before_disclosure"), rs.getString("keep_secret"),
                instant(rs, "findings_recorded_at"), rs.getString("shared_summary"), instant(rs, "shared_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        java.sql.Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}

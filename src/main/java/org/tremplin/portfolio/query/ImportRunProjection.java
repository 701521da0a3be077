package org.tremplin.portfolio.query;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tremplin.platform.query.ReadModelReset;
import org.tremplin.portfolio.api.FindImportRunQuery;
import org.tremplin.portfolio.api.FindImportRunsQuery;
import org.tremplin.portfolio.api.ImportBatchRecordedEvent;
import org.tremplin.portfolio.api.ImportCounts;
import org.tremplin.portfolio.api.ImportRefusal;
import org.tremplin.portfolio.api.ImportRunCompletedEvent;
import org.tremplin.portfolio.api.ImportRunResumedEvent;
import org.tremplin.portfolio.api.ImportRunStartedEvent;
import org.tremplin.portfolio.api.ImportRunView;
import org.tremplin.portfolio.api.OrganisationMerge;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Import runs: progress (rows done of the total, rate since the run (re)started, time left) and the report (counts,
 * refused rows, merges). Idempotent: a batch is counted once (its rows must follow the rows done).
 */
@Component
@ProcessingGroup(ImportRunProjection.PROCESSING_GROUP)
public class ImportRunProjection {

    public static final String PROCESSING_GROUP = "import-runs";

    private final JdbcClient jdbc;

    public ImportRunProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ImportRunStartedEvent event, @Timestamp Instant at,
            @MetaDataValue(value = "actor", required = false) String actor) {
        int inserted = jdbc.sql("""
                        INSERT INTO import_run (id, source, content_hash, status, total_rows, total_partner_rows, rows_done,
                            projects_created, projects_skipped, rows_refused, organisations_created, organisations_existing,
                            partner_rows_merged, partner_rows_unknown, aid_recorded, aid_not_filled, started_by, started_at,
                            rows_at_resume)
                        SELECT ?, ?, ?, 'RUNNING', ?, ?, 0, 0, 0, ?, 0, 0, 0, 0, 0, 0, ?, ?, 0
                        WHERE NOT EXISTS (SELECT 1 FROM import_run WHERE id = ?)""")
                .params(event.runId(), event.source(), event.contentHash(), event.totalRows(), event.totalPartnerRows(),
                        event.fileRefusals().size(), actor, java.sql.Timestamp.from(at), event.runId())
                .update();
        if (inserted == 0) {
            return;
        }
        int position = 0;
        for (OrganisationMerge merge : event.merges()) {
            jdbc.sql("""
                            INSERT INTO import_run_merge (run_id, position, organisation_id, kept_name, merged_name, row_count, reason)
                            VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(event.runId(), position++, merge.organisationId(), merge.keptName(), merge.mergedName(),
                            merge.rows(), merge.reason())
                    .update();
        }
        for (ImportRefusal refusal : event.fileRefusals()) {
            refusal(event.runId(), refusal);
        }
    }

    @EventHandler
    void on(ImportRunResumedEvent event, @Timestamp Instant at) {
        jdbc.sql("UPDATE import_run SET resumed_at = ?, rows_at_resume = ? WHERE id = ?")
                .params(java.sql.Timestamp.from(at), event.rowsDone(), event.runId()).update();
    }

    @EventHandler
    void on(ImportBatchRecordedEvent event, @Timestamp Instant at) {
        ImportCounts c = event.counts();
        int updated = jdbc.sql("""
                        UPDATE import_run SET rows_done = ?, last_batch_at = ?,
                            projects_created = projects_created + ?, projects_skipped = projects_skipped + ?,
                            rows_refused = rows_refused + ?, organisations_created = organisations_created + ?,
                            organisations_existing = organisations_existing + ?, partner_rows_merged = partner_rows_merged + ?,
                            partner_rows_unknown = partner_rows_unknown + ?, aid_recorded = aid_recorded + ?,
                            aid_not_filled = aid_not_filled + ?
                        WHERE id = ? AND rows_done = ?""")
                .params(event.rowsDone(), java.sql.Timestamp.from(at), c.projectsCreated(), c.projectsSkipped(),
                        c.rowsRefused(), c.organisationsCreated(), c.organisationsExisting(), c.partnerRowsMerged(),
                        c.partnerRowsUnknown(), c.aidRecorded(), c.aidNotFilled(), event.runId(), event.fromRow())
                .update();
        if (updated == 0) {
            return;
        }
        for (ImportRefusal refusal : event.refusals()) {
            refusal(event.runId(), refusal);
        }
    }

    @EventHandler
    void on(ImportRunCompletedEvent event, @Timestamp Instant at) {
        jdbc.sql("UPDATE import_run SET status = 'COMPLETED', completed_at = ? WHERE id = ? AND completed_at IS NULL")
                .params(java.sql.Timestamp.from(at), event.runId()).update();
    }

    private void refusal(String runId, ImportRefusal refusal) {
        jdbc.sql("""
                        INSERT INTO import_run_refusal (run_id, source_file, source_row, reason) SELECT ?, ?, ?, ?
                        WHERE NOT EXISTS (SELECT 1 FROM import_run_refusal WHERE run_id = ? AND source_file = ? AND source_row = ?)""")
                .params(runId, refusal.sourceFile(), refusal.sourceRow(), refusal.reason(), runId, refusal.sourceFile(),
                        refusal.sourceRow())
                .update();
    }

    @ResetHandler
    void reset() {
        ReadModelReset.empty(jdbc, "import_run_merge", "import_run_refusal", "import_run");
    }

    @QueryHandler
    public Optional<ImportRunView> handle(FindImportRunQuery query) {
        return jdbc.sql("SELECT * FROM import_run WHERE id = ?").param(query.runId())
                .query((rs, n) -> view(rs, true)).optional();
    }

    @QueryHandler
    public List<ImportRunView> handle(FindImportRunsQuery query) {
        return jdbc.sql("SELECT * FROM import_run ORDER BY started_at DESC, id").query((rs, n) -> view(rs, false)).list();
    }

    private ImportRunView view(ResultSet rs, boolean details) throws SQLException {
        String id = rs.getString("id");
        int total = rs.getInt("total_rows");
        int done = rs.getInt("rows_done");
        Instant started = rs.getTimestamp("started_at").toInstant();
        Instant resumed = instant(rs, "resumed_at");
        Instant lastBatch = instant(rs, "last_batch_at");
        Instant completed = instant(rs, "completed_at");
        int atResume = rs.getInt("rows_at_resume");
        Double rate = null;
        Long eta = null;
        Instant since = resumed != null ? resumed : started;
        if (lastBatch != null && lastBatch.isAfter(since) && done > atResume) {
            double seconds = Duration.between(since, lastBatch).toMillis() / 1000.0;
            rate = Math.round((done - atResume) / seconds * 10) / 10.0;
            eta = completed != null ? 0L : Math.round((total - done) / Math.max(rate, 0.1));
        }
        ImportCounts counts = new ImportCounts(rs.getInt("projects_created"), rs.getInt("projects_skipped"),
                rs.getInt("rows_refused"), rs.getInt("organisations_created"), rs.getInt("organisations_existing"),
                rs.getInt("partner_rows_merged"), rs.getInt("partner_rows_unknown"), rs.getInt("aid_recorded"),
                rs.getInt("aid_not_filled"));
        List<ImportRefusal> refusals = details ? jdbc.sql("""
                        SELECT source_file, source_row, reason FROM import_run_refusal WHERE run_id = ?
                        ORDER BY source_file DESC, source_row""").param(id)
                .query((r, n) -> new ImportRefusal(r.getString(1), r.getInt(2), r.getString(3))).list() : List.of();
        List<OrganisationMerge> merges = details ? jdbc.sql("""
                        SELECT organisation_id, kept_name, merged_name, row_count, reason FROM import_run_merge WHERE run_id = ?
                        ORDER BY position""").param(id)
                .query((r, n) -> new OrganisationMerge(r.getString(1), r.getString(2), r.getString(3), r.getInt(4),
                        r.getString(5))).list() : List.of();
        return new ImportRunView(id, rs.getString("source"), rs.getString("content_hash"), rs.getString("status"), total,
                rs.getInt("total_partner_rows"), done, rate, eta, counts, refusals, merges, rs.getString("started_by"),
                started, resumed, completed);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        java.sql.Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}

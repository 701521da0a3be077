package org.tremplin.project.query;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.platform.query.ReadModelReset;
import org.tremplin.project.api.FindHistoricalProjectQuery;
import org.tremplin.project.api.FindHistoricalProjectsQuery;
import org.tremplin.project.api.HistoricalPartner;
import org.tremplin.project.api.HistoricalProjectImportedEvent;
import org.tremplin.project.api.HistoricalProjectView;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Imported historical projects, apart from the {@code project} read model (whose rows are projects run in Tremplin,
 * with a lifecycle and a process): one row per project and one per partner row. Idempotent: a redelivered event
 * changes nothing.
 */
@Component
@ProcessingGroup(HistoricalProjectProjection.PROCESSING_GROUP)
public class HistoricalProjectProjection {

    public static final String PROCESSING_GROUP = "historical-projects";
    static final int MAX_LIMIT = 2000;

    private final JdbcClient jdbc;

    public HistoricalProjectProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(HistoricalProjectImportedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        int inserted = jdbc.sql("""
                        INSERT INTO historical_project (id, acronym, title, summary, programme, edition, start_date, allocated_aid,
                            funder, coordinator_organisation_id, partner_count, import_run_id, source_file, source_row, imported_at)
                        SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM historical_project WHERE id = ?)""")
                .params(event.projectId(), event.acronym(), event.title(), event.summary(), event.programme(),
                        event.edition(), event.startDate(), event.allocatedAid(), event.funder(),
                        event.coordinatorOrganisationId(), event.partners().size(), event.importRunId(), event.sourceFile(),
                        event.sourceRow(), Timestamp.from(at), event.projectId())
                .update();
        if (inserted == 0) {
            return;
        }
        for (HistoricalPartner partner : event.partners()) {
            jdbc.sql("""
                            INSERT INTO historical_project_partner (project_id, partner_code, organisation_id, name, kind,
                                coordinator, town, region, source_row) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(event.projectId(), partner.partnerCode(), partner.organisationId(), partner.name(),
                            partner.kind().name(), partner.coordinator(), partner.town(), partner.region(), partner.sourceRow())
                    .update();
        }
    }

    @ResetHandler
    void reset() {
        ReadModelReset.empty(jdbc, "historical_project_partner", "historical_project");
    }

    @QueryHandler
    public Optional<HistoricalProjectView> handle(FindHistoricalProjectQuery query) {
        List<HistoricalProjectView> found = find("p.id = ?", List.of(query.projectId()), 1);
        return found.stream().findFirst();
    }

    @QueryHandler
    public List<HistoricalProjectView> handle(FindHistoricalProjectsQuery query) {
        StringBuilder where = new StringBuilder("1 = 1");
        List<Object> params = new ArrayList<>();
        if (query.organisationId() != null && !query.organisationId().isBlank()) {
            where.append(" AND EXISTS (SELECT 1 FROM historical_project_partner x WHERE x.project_id = p.id AND x.organisation_id = ?)");
            params.add(query.organisationId());
        }
        if (query.edition() != null) {
            where.append(" AND p.edition = ?");
            params.add(query.edition());
        }
        return find(where.toString(), params, Math.max(1, Math.min(MAX_LIMIT, query.limit())));
    }

    private List<HistoricalProjectView> find(String where, List<Object> params, int limit) {
        Map<String, Row> rows = new LinkedHashMap<>();
        jdbc.sql("SELECT * FROM historical_project p WHERE " + where + " ORDER BY p.edition DESC, p.id FETCH FIRST "
                        + limit + " ROWS ONLY")
                .params(params).query((rs, n) -> row(rs)).list().forEach(r -> rows.put(r.id, r));
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<HistoricalPartner>> partners = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>(rows.keySet());
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            jdbc.sql("SELECT * FROM historical_project_partner WHERE project_id IN ("
                            + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ") ORDER BY project_id, partner_code")
                    .params(new ArrayList<Object>(chunk))
                    .query((rs, n) -> {
                        partners.computeIfAbsent(rs.getString("project_id"), k -> new ArrayList<>()).add(new HistoricalPartner(
                                rs.getString("partner_code"), rs.getString("organisation_id"), rs.getString("name"),
                                OrganisationKind.valueOf(rs.getString("kind")), rs.getBoolean("coordinator"),
                                rs.getString("town"), rs.getString("region"), rs.getInt("source_row")));
                        return null;
                    }).list();
        }
        return rows.values().stream().map(r -> new HistoricalProjectView(r.id, r.acronym, r.title, r.summary, r.funder,
                r.programme, r.edition, r.startDate, r.allocatedAid, r.coordinator, partners.getOrDefault(r.id, List.of()),
                true, r.run, r.file, r.sourceRow, r.importedAt)).toList();
    }

    private static Row row(ResultSet rs) throws SQLException {
        java.sql.Date start = rs.getDate("start_date");
        return new Row(rs.getString("id"), rs.getString("acronym"), rs.getString("title"), rs.getString("summary"),
                rs.getString("funder"), rs.getString("programme"), rs.getInt("edition"),
                start == null ? null : start.toLocalDate(), rs.getBigDecimal("allocated_aid"),
                rs.getString("coordinator_organisation_id"), rs.getString("import_run_id"), rs.getString("source_file"),
                rs.getInt("source_row"), rs.getTimestamp("imported_at").toInstant());
    }

    private record Row(String id, String acronym, String title, String summary, String funder, String programme,
                       int edition, java.time.LocalDate startDate, java.math.BigDecimal allocatedAid, String coordinator,
                       String run, String file, int sourceRow, Instant importedAt) {
    }
}

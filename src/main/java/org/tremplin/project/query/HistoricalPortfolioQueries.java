package org.tremplin.project.query;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tremplin.project.api.FindPortfolioPageQuery;
import org.tremplin.project.api.FindPortfolioSummaryQuery;
import org.tremplin.project.api.PortfolioPage;
import org.tremplin.project.api.PortfolioSummaryView;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads of the imported portfolio for the console's staff pages, over the read model of
 * {@link HistoricalProjectProjection} (imported history only: the {@code project} table is never read here).
 */
@Component
public class HistoricalPortfolioQueries {

    static final int MAX_PAGE = 200;

    private final JdbcClient jdbc;

    public HistoricalPortfolioQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public PortfolioSummaryView handle(FindPortfolioSummaryQuery query) {
        long projects = jdbc.sql("SELECT COUNT(*) FROM historical_project").query(Long.class).single();
        BigDecimal total = jdbc.sql("SELECT COALESCE(SUM(allocated_aid), 0) FROM historical_project")
                .query(BigDecimal.class).single();
        long notFilled = jdbc.sql("SELECT COUNT(*) FROM historical_project WHERE allocated_aid = 0").query(Long.class).single();
        long organisations = jdbc.sql("SELECT COUNT(DISTINCT organisation_id) FROM historical_project_partner "
                + "WHERE organisation_id IS NOT NULL").query(Long.class).single();
        List<PortfolioSummaryView.Count> byProgramme = jdbc.sql("""
                        SELECT programme, COUNT(*) AS n, COALESCE(SUM(allocated_aid), 0) AS aid FROM historical_project
                        GROUP BY programme ORDER BY n DESC, programme""")
                .query((rs, n) -> new PortfolioSummaryView.Count(rs.getString("programme"), rs.getLong("n"),
                        rs.getBigDecimal("aid"))).list();
        List<PortfolioSummaryView.Count> byEdition = jdbc.sql("""
                        SELECT edition, COUNT(*) AS n, COALESCE(SUM(allocated_aid), 0) AS aid FROM historical_project
                        GROUP BY edition ORDER BY edition DESC""")
                .query((rs, n) -> new PortfolioSummaryView.Count(String.valueOf(rs.getInt("edition")), rs.getLong("n"),
                        rs.getBigDecimal("aid"))).list();
        return new PortfolioSummaryView(projects, organisations, total, notFilled, byProgramme, byEdition);
    }

    @QueryHandler
    public PortfolioPage handle(FindPortfolioPageQuery query) {
        int limit = Math.max(1, Math.min(MAX_PAGE, query.limit()));
        int offset = Math.max(0, query.offset());
        StringBuilder where = new StringBuilder("1 = 1");
        List<Object> params = new ArrayList<>();
        if (query.programme() != null && !query.programme().isBlank()) {
            where.append(" AND p.programme = ?");
            params.add(query.programme());
        }
        if (query.edition() != null) {
            where.append(" AND p.edition = ?");
            params.add(query.edition());
        }
        String organisation = query.organisationId() == null || query.organisationId().isBlank() ? null : query.organisationId();
        if (organisation != null) {
            where.append(" AND EXISTS (SELECT 1 FROM historical_project_partner x WHERE x.project_id = p.id AND x.organisation_id = ?)");
            params.add(organisation);
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM historical_project p WHERE " + where).params(params)
                .query(Long.class).single();
        List<Object> pageParams = new ArrayList<>();
        pageParams.add(organisation == null ? "" : organisation);
        pageParams.addAll(params);
        List<PortfolioPage.Line> lines = jdbc.sql("""
                        SELECT p.id, p.acronym, p.title, p.programme, p.edition, p.start_date, p.allocated_aid, p.partner_count,
                            (SELECT MIN(c.name) FROM historical_project_partner c WHERE c.project_id = p.id AND c.coordinator = TRUE) AS coordinator_name,
                            (SELECT MAX(CASE WHEN r.coordinator = TRUE THEN 1 ELSE 0 END) FROM historical_project_partner r
                                WHERE r.project_id = p.id AND r.organisation_id = ?) AS role
                        FROM historical_project p WHERE """ + " " + where + " ORDER BY p.edition DESC, p.id OFFSET " + offset
                        + " ROWS FETCH FIRST " + limit + " ROWS ONLY")
                .params(pageParams)
                .query((rs, n) -> {
                    java.sql.Date start = rs.getDate("start_date");
                    Object role = rs.getObject("role");
                    return new PortfolioPage.Line(rs.getString("id"), rs.getString("acronym"), rs.getString("title"),
                            rs.getString("programme"), rs.getInt("edition"), start == null ? null : start.toLocalDate(),
                            rs.getBigDecimal("allocated_aid"), rs.getInt("partner_count"), rs.getString("coordinator_name"),
                            organisation == null || role == null ? null
                                    : ((Number) role).intValue() == 1 ? "COORDINATOR" : "PARTNER");
                }).list();
        return new PortfolioPage(lines, total, offset, limit);
    }
}

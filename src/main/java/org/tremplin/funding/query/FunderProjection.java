package org.tremplin.funding.query;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tremplin.funding.api.FindFunderQuery;
import org.tremplin.funding.api.FindFundersOfUserQuery;
import org.tremplin.funding.api.FindFundersQuery;
import org.tremplin.funding.api.FunderKind;
import org.tremplin.funding.api.FunderRegisteredEvent;
import org.tremplin.funding.api.FunderUserAddedEvent;
import org.tremplin.funding.api.FunderView;
import org.tremplin.funding.api.FundingStage;
import org.tremplin.funding.api.PooledFundContributor;
import org.tremplin.funding.api.PooledFundContributorsChangedEvent;
import org.tremplin.funding.api.ServiceLevelsChangedEvent;
import org.tremplin.platform.query.ReadModelReset;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The funders with their service levels, contributors and users. Handlers are idempotent: events may be delivered twice. */
@Component
@ProcessingGroup(FunderProjection.PROCESSING_GROUP)
public class FunderProjection {

    /** The funders-and-calls registry's read models (funders and calls) share one processor. */
    public static final String PROCESSING_GROUP = "funding-registry";

    private final JdbcClient jdbc;

    public FunderProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(FunderRegisteredEvent event, @Timestamp Instant at) {
        jdbc.sql("""
                        INSERT INTO funder (id, code, name, kind, contracting_deadline_months, registered_at, last_updated_at)
                        SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM funder WHERE id = ?)""")
                .params(event.funderId(), event.code(), event.name(), event.kind().name(), event.contractingDeadlineMonths(),
                        java.sql.Timestamp.from(at), java.sql.Timestamp.from(at), event.funderId())
                .update();
        replaceServiceLevels(event.funderId(), event.serviceLevelDays());
        replaceContributors(event.funderId(), event.contributors());
    }

    @EventHandler
    void on(ServiceLevelsChangedEvent event, @Timestamp Instant at) {
        jdbc.sql("UPDATE funder SET contracting_deadline_months = ?, last_updated_at = ? WHERE id = ?")
                .params(event.contractingDeadlineMonths(), java.sql.Timestamp.from(at), event.funderId())
                .update();
        replaceServiceLevels(event.funderId(), event.serviceLevelDays());
    }

    @EventHandler
    void on(PooledFundContributorsChangedEvent event, @Timestamp Instant at) {
        jdbc.sql("UPDATE funder SET last_updated_at = ? WHERE id = ?")
                .params(java.sql.Timestamp.from(at), event.funderId())
                .update();
        replaceContributors(event.funderId(), event.contributors());
    }

    @EventHandler
    void on(FunderUserAddedEvent event) {
        jdbc.sql("""
                        INSERT INTO funder_user (funder_id, user_id)
                        SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM funder_user WHERE funder_id = ? AND user_id = ?)""")
                .params(event.funderId(), event.userId(), event.funderId(), event.userId())
                .update();
    }

    @ResetHandler
    void reset() {
        ReadModelReset.empty(jdbc, "funder_user", "funder_contributor", "funder_service_level", "funder");
    }

    private void replaceServiceLevels(String funderId, Map<FundingStage, Integer> levels) {
        jdbc.sql("DELETE FROM funder_service_level WHERE funder_id = ?").param(funderId).update();
        for (Map.Entry<FundingStage, Integer> level : levels.entrySet()) {
            jdbc.sql("INSERT INTO funder_service_level (funder_id, stage, service_days) VALUES (?, ?, ?)")
                    .params(funderId, level.getKey().name(), level.getValue())
                    .update();
        }
    }

    private void replaceContributors(String funderId, List<PooledFundContributor> contributors) {
        jdbc.sql("DELETE FROM funder_contributor WHERE funder_id = ?").param(funderId).update();
        int position = 1;
        for (PooledFundContributor contributor : contributors) {
            jdbc.sql("INSERT INTO funder_contributor (funder_id, position, contributor, share_percent) VALUES (?, ?, ?, ?)")
                    .params(funderId, position++, contributor.contributor(), contributor.sharePercent())
                    .update();
        }
    }

    @QueryHandler
    public Optional<FunderView> handle(FindFunderQuery query) {
        return jdbc.sql("SELECT * FROM funder WHERE id = ?").param(query.funderId())
                .query(FunderProjection::row)
                .optional()
                .map(this::view);
    }

    @QueryHandler
    public List<FunderView> handle(FindFundersQuery query) {
        StringBuilder sql = new StringBuilder("SELECT * FROM funder WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (query.kind() != null) {
            sql.append(" AND kind = ?");
            params.add(query.kind().name());
        }
        sql.append(" ORDER BY name, id");
        return jdbc.sql(sql.toString()).params(params).query(FunderProjection::row)
                .list().stream().map(this::view).toList();
    }

    @QueryHandler
    public List<String> handle(FindFundersOfUserQuery query) {
        return jdbc.sql("SELECT funder_id FROM funder_user WHERE user_id = ? ORDER BY funder_id")
                .param(query.userId()).query(String.class).list();
    }

    private FunderView view(Row row) {
        Map<FundingStage, Integer> levels = new EnumMap<>(FundingStage.class);
        jdbc.sql("SELECT stage, service_days FROM funder_service_level WHERE funder_id = ?").param(row.id())
                .query((rs, n) -> Map.entry(FundingStage.valueOf(rs.getString("stage")), rs.getInt("service_days")))
                .list()
                .forEach(level -> levels.put(level.getKey(), level.getValue()));
        List<PooledFundContributor> contributors = jdbc.sql("""
                        SELECT contributor, share_percent FROM funder_contributor WHERE funder_id = ? ORDER BY position""")
                .param(row.id())
                .query((rs, n) -> new PooledFundContributor(rs.getString("contributor"),
                        rs.getBigDecimal("share_percent").setScale(2)))
                .list();
        List<String> users = jdbc.sql("SELECT user_id FROM funder_user WHERE funder_id = ? ORDER BY user_id")
                .param(row.id()).query(String.class).list();
        return new FunderView(row.id(), row.code(), row.name(), FunderKind.valueOf(row.kind()),
                row.contractingDeadlineMonths(), Collections.unmodifiableMap(levels), contributors, users,
                row.registeredAt().toInstant(), row.lastUpdatedAt().toInstant());
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getString("id"), rs.getString("code"), rs.getString("name"), rs.getString("kind"),
                rs.getInt("contracting_deadline_months"), rs.getTimestamp("registered_at"),
                rs.getTimestamp("last_updated_at"));
    }

    private record Row(String id, String code, String name, String kind, int contractingDeadlineMonths,
                       java.sql.Timestamp registeredAt, java.sql.Timestamp lastUpdatedAt) {
    }
}

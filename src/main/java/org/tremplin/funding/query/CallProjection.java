package org.tremplin.funding.query;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tremplin.funding.api.CallClosedEarlyEvent;
import org.tremplin.funding.api.CallClosingDateExtendedEvent;
import org.tremplin.funding.api.CallOpenedEvent;
import org.tremplin.funding.api.CallView;
import org.tremplin.funding.api.FindCallQuery;
import org.tremplin.funding.api.FindCallsQuery;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.platform.query.ReadModelReset;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The calls for projects with their windows and eligible partner kinds. Handlers are idempotent. */
@Component
@ProcessingGroup(FunderProjection.PROCESSING_GROUP)
public class CallProjection {

    private static final String SELECT = """
            SELECT c.*, f.name AS funder_name FROM funding_call c LEFT JOIN funder f ON f.id = c.funder_id""";

    private final JdbcClient jdbc;

    public CallProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CallOpenedEvent event, @Timestamp Instant at) {
        jdbc.sql("""
                        INSERT INTO funding_call (id, funder_id, code, title, opening_date, closing_date, label_required,
                                                  max_project_size, opened_at, last_updated_at)
                        SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM funding_call WHERE id = ?)""")
                .params(event.callId(), event.funderId(), event.code(), event.title(), event.openingDate(),
                        event.closingDate(), event.labelRequired(), event.maxProjectSize(),
                        java.sql.Timestamp.from(at), java.sql.Timestamp.from(at), event.callId())
                .update();
        for (OrganisationKind kind : event.eligiblePartnerKinds()) {
            jdbc.sql("""
                            INSERT INTO funding_call_eligible_kind (call_id, kind)
                            SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM funding_call_eligible_kind WHERE call_id = ? AND kind = ?)""")
                    .params(event.callId(), kind.name(), event.callId(), kind.name())
                    .update();
        }
    }

    @EventHandler
    void on(CallClosingDateExtendedEvent event, @Timestamp Instant at) {
        jdbc.sql("UPDATE funding_call SET closing_date = ?, last_updated_at = ? WHERE id = ?")
                .params(event.closingDate(), java.sql.Timestamp.from(at), event.callId())
                .update();
    }

    @EventHandler
    void on(CallClosedEarlyEvent event, @Timestamp Instant at) {
        jdbc.sql("UPDATE funding_call SET closed_early_on = ?, closed_early_reason = ?, last_updated_at = ? WHERE id = ?")
                .params(event.closedOn(), event.reason(), java.sql.Timestamp.from(at), event.callId())
                .update();
    }

    @ResetHandler
    void reset() {
        ReadModelReset.empty(jdbc, "funding_call_eligible_kind", "funding_call");
    }

    @QueryHandler
    public Optional<CallView> handle(FindCallQuery query) {
        return jdbc.sql(SELECT + " WHERE c.id = ?").param(query.callId())
                .query(CallProjection::row)
                .optional()
                .map(this::view);
    }

    @QueryHandler
    public List<CallView> handle(FindCallsQuery query) {
        StringBuilder sql = new StringBuilder(SELECT + " WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (query.funderId() != null && !query.funderId().isBlank()) {
            sql.append(" AND c.funder_id = ?");
            params.add(query.funderId().strip());
        }
        if (query.openOn() != null) {
            LocalDate day = query.openOn();
            sql.append(" AND c.opening_date <= ? AND c.closing_date >= ? AND (c.closed_early_on IS NULL OR c.closed_early_on > ?)");
            params.add(day);
            params.add(day);
            params.add(day);
        }
        sql.append(" ORDER BY c.opening_date DESC, c.code");
        return jdbc.sql(sql.toString()).params(params).query(CallProjection::row)
                .list().stream().map(this::view).toList();
    }

    private CallView view(Row row) {
        List<OrganisationKind> kinds = jdbc.sql("SELECT kind FROM funding_call_eligible_kind WHERE call_id = ?")
                .param(row.id()).query(String.class).list().stream()
                .map(OrganisationKind::valueOf).sorted(Comparator.naturalOrder()).toList();
        return new CallView(row.id(), row.funderId(), row.funderName(), row.code(), row.title(), row.openingDate(),
                row.closingDate(), row.closedEarlyOn(), row.closedEarlyReason(), kinds, row.labelRequired(),
                row.maxProjectSize(), row.openedAt(), row.lastUpdatedAt());
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        BigDecimal maxProjectSize = rs.getBigDecimal("max_project_size");
        return new Row(rs.getString("id"), rs.getString("funder_id"), rs.getString("funder_name"), rs.getString("code"),
                rs.getString("title"), rs.getObject("opening_date", LocalDate.class), rs.getObject("closing_date", LocalDate.class),
                rs.getObject("closed_early_on", LocalDate.class), rs.getString("closed_early_reason"),
                rs.getBoolean("label_required"), maxProjectSize == null ? null : maxProjectSize.setScale(2),
                rs.getTimestamp("opened_at").toInstant(), rs.getTimestamp("last_updated_at").toInstant());
    }

    private record Row(String id, String funderId, String funderName, String code, String title, LocalDate openingDate,
                       LocalDate closingDate, LocalDate closedEarlyOn, String closedEarlyReason, boolean labelRequired,
                       BigDecimal maxProjectSize, Instant openedAt, Instant lastUpdatedAt) {
    }
}

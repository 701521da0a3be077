package org.tremplin.audit.query;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Who read which audit resource, when, with which filters: table {@code audit_access_log}. Written with
 * JdbcTemplate in the caller's transaction, so a read that fails leaves no line and a line exists only for a
 * read that was answered.
 */
@Repository
public class AuditAccessLog {

    private static final RowMapper<AccessLogEntry> ROW = (rs, n) -> new AccessLogEntry(rs.getLong("id"),
            rs.getTimestamp("accessed_at").toInstant(), rs.getString("user_id"),
            rs.getString("roles").isEmpty() ? List.of() : List.of(rs.getString("roles").split(",")),
            rs.getString("resource"), rs.getString("query"));

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public AuditAccessLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A read answered elsewhere (a project or its funding as of an instant, raw events), logged like the audit tools' own. */
    @org.axonframework.commandhandling.CommandHandler
    public void handle(org.tremplin.audit.api.RecordAuditReadCommand command) {
        record(command.userId(), command.roles(), command.resource(), command.query());
    }

    public void record(String userId, List<String> roles, String resource, String query) {
        jdbc.update("INSERT INTO audit_access_log (accessed_at, user_id, roles, resource, query) VALUES (?, ?, ?, ?, ?)",
                Timestamp.from(clock.instant()), cut(userId, 64), cut(String.join(",", roles), 500), cut(resource, 300),
                query == null || query.isEmpty() ? null : cut(query, 2000));
    }

    /** The log, newest first, of one user or of all (userId null). */
    public AccessLogPage read(String userId, int page, int size) {
        List<Object> args = new ArrayList<>();
        String where = "";
        if (userId != null) {
            where = " WHERE user_id = ?";
            args.add(userId);
        }
        long total = jdbc.queryForObject("SELECT COUNT(*) FROM audit_access_log" + where, Long.class, args.toArray());
        args.add((long) page * size);
        args.add(size);
        List<AccessLogEntry> entries = jdbc.query("SELECT id, accessed_at, user_id, roles, resource, query FROM audit_access_log"
                + where + " ORDER BY accessed_at DESC, id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", ROW, args.toArray());
        return new AccessLogPage(entries, page, size, total);
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}

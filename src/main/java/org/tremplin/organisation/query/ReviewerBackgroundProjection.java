package org.tremplin.organisation.query;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tremplin.organisation.api.FindReviewerBackgroundsQuery;
import org.tremplin.organisation.api.ReviewerBackground;
import org.tremplin.organisation.api.ReviewerBackgroundDeclaredEvent;
import org.tremplin.organisation.api.ReviewerBackgroundView;
import org.tremplin.platform.query.ReadModelReset;

import java.time.Instant;
import java.util.List;

/** Each reviewer's current background (src/docs/review-panels.md). The latest declaration wins; idempotent. */
@Component
@ProcessingGroup("organisations")
public class ReviewerBackgroundProjection {

    private final JdbcClient jdbc;

    public ReviewerBackgroundProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ReviewerBackgroundDeclaredEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        java.sql.Timestamp when = java.sql.Timestamp.from(at);
        int updated = jdbc.sql("""
                        UPDATE reviewer_background SET background = ?, organisation_name = ?, note = ?, declared_by = ?,
                               declared_at = ? WHERE user_id = ?""")
                .params(event.background().name(), event.organisationName(), event.note(), event.declaredBy(), when,
                        event.userId())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO reviewer_background (user_id, background, organisation_name, note, declared_by, declared_at)
                            VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(event.userId(), event.background().name(), event.organisationName(), event.note(),
                            event.declaredBy(), when)
                    .update();
        }
    }

    @ResetHandler
    void reset() {
        ReadModelReset.empty(jdbc, "reviewer_background");
    }

    @QueryHandler
    public List<ReviewerBackgroundView> handle(FindReviewerBackgroundsQuery query) {
        if (query.userIds() != null && query.userIds().isEmpty()) {
            return List.of();
        }
        String where = query.userIds() == null ? "" : " WHERE user_id IN (" + String.join(", ",
                java.util.Collections.nCopies(query.userIds().size(), "?")) + ")";
        return jdbc.sql("SELECT * FROM reviewer_background" + where + " ORDER BY user_id")
                .params(query.userIds() == null ? List.of() : List.copyOf(query.userIds()))
                .query((rs, n) -> new ReviewerBackgroundView(rs.getString("user_id"),
                        ReviewerBackground.valueOf(rs.getString("background")), rs.getString("organisation_name"),
                        rs.getString("note"), rs.getString("declared_by"), rs.getTimestamp("declared_at").toInstant()))
                .list();
    }
}

package org.tremplin.organisation.query;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tremplin.organisation.api.FindPartnerPoleQuery;
import org.tremplin.organisation.api.FindPartnerPolesOfUserQuery;
import org.tremplin.organisation.api.FindPartnerPolesQuery;
import org.tremplin.organisation.api.PartnerPoleRegisteredEvent;
import org.tremplin.organisation.api.PartnerPoleUserAddedEvent;
import org.tremplin.organisation.api.PartnerPoleView;
import org.tremplin.platform.query.ReadModelReset;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The partner poles (co-labelling) and their users. Handlers are idempotent: events may be delivered twice. */
@Component
@ProcessingGroup("organisations")
public class PartnerPoleProjection {

    private static final String THEME_SEPARATOR = "\n";

    private final JdbcClient jdbc;

    public PartnerPoleProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PartnerPoleRegisteredEvent event, @Timestamp Instant at) {
        jdbc.sql("""
                        INSERT INTO partner_pole (id, name, themes, contact_name, contact_email, registered_at)
                        SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM partner_pole WHERE id = ?)""")
                .params(event.poleId(), event.name(), String.join(THEME_SEPARATOR, event.themes()), event.contactName(),
                        event.contactEmail(), java.sql.Timestamp.from(at), event.poleId())
                .update();
    }

    @EventHandler
    void on(PartnerPoleUserAddedEvent event) {
        jdbc.sql("""
                        INSERT INTO partner_pole_user (pole_id, user_id)
                        SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM partner_pole_user WHERE pole_id = ? AND user_id = ?)""")
                .params(event.poleId(), event.userId(), event.poleId(), event.userId())
                .update();
    }

    @ResetHandler
    void reset() {
        ReadModelReset.empty(jdbc, "partner_pole_user", "partner_pole");
    }

    @QueryHandler
    public List<PartnerPoleView> handle(FindPartnerPolesQuery query) {
        return jdbc.sql("SELECT * FROM partner_pole ORDER BY name, id").query((rs, n) -> view(rs)).list();
    }

    @QueryHandler
    public Optional<PartnerPoleView> handle(FindPartnerPoleQuery query) {
        return jdbc.sql("SELECT * FROM partner_pole WHERE id = ?").param(query.poleId())
                .query((rs, n) -> view(rs)).optional();
    }

    @QueryHandler
    public List<String> handle(FindPartnerPolesOfUserQuery query) {
        return jdbc.sql("SELECT pole_id FROM partner_pole_user WHERE user_id = ? ORDER BY pole_id")
                .param(query.userId()).query(String.class).list();
    }

    private PartnerPoleView view(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        List<String> users = jdbc.sql("SELECT user_id FROM partner_pole_user WHERE pole_id = ? ORDER BY user_id")
                .param(id).query(String.class).list();
        return new PartnerPoleView(id, rs.getString("name"),
                Arrays.asList(rs.getString("themes").split(THEME_SEPARATOR)), rs.getString("contact_name"),
                rs.getString("contact_email"), rs.getTimestamp("registered_at").toInstant(), users);
    }
}

package org.tremplin.organisation.query;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tremplin.organisation.api.FindOrganisationQuery;
import org.tremplin.organisation.api.FindOrganisationsOfReferentQuery;
import org.tremplin.organisation.api.FindOrganisationsOfUserQuery;
import org.tremplin.organisation.api.SmeReferentAssignedEvent;
import org.tremplin.organisation.api.FindOrganisationsQuery;
import org.tremplin.organisation.api.FindSmeReferentQuery;
import org.tremplin.organisation.api.NationalIdScheme;
import org.tremplin.organisation.api.OrganisationImportedEvent;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.organisation.api.OrganisationMemberAddedEvent;
import org.tremplin.organisation.api.OrganisationRegisteredEvent;
import org.tremplin.organisation.api.OrganisationView;
import org.tremplin.platform.query.ReadModelReset;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The member directory and competence map. Handlers are idempotent: events may be delivered twice. */
@Component
@ProcessingGroup("organisations")
public class OrganisationProjection {

    private final JdbcClient jdbc;

    public OrganisationProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(OrganisationRegisteredEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.sql("""
                        INSERT INTO organisation (id, name, national_id_scheme, national_id, kind, headcount, region, registered_at)
                        SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM organisation WHERE id = ?)""")
                .params(event.organisationId(), event.name(), event.nationalIdScheme().name(), event.nationalId(),
                        event.kind().name(), event.headcount(), event.region(), java.sql.Timestamp.from(at),
                        event.organisationId())
                .update();
        for (String competence : event.competences()) {
            jdbc.sql("""
                            INSERT INTO organisation_competence (organisation_id, competence)
                            SELECT ?, ? WHERE NOT EXISTS
                              (SELECT 1 FROM organisation_competence WHERE organisation_id = ? AND competence = ?)""")
                    .params(event.organisationId(), competence, event.organisationId(), competence)
                    .update();
        }
    }

    /** Imported history: no headcount (NULL), region and town NULL where the source says nothing, the provenance kept. */
    @EventHandler
    void on(OrganisationImportedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        String provenance = "Imported from " + event.sourceFile() + " row " + event.sourceRow() + " (partner code "
                + event.nationalId() + (event.sourceCategory() == null ? "" : ", category " + event.sourceCategory())
                + ") by import run " + event.importRunId();
        jdbc.sql("""
                        INSERT INTO organisation (id, name, national_id_scheme, national_id, kind, headcount, region, registered_at,
                                                  town, provenance)
                        SELECT ?, ?, ?, ?, ?, NULL, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM organisation WHERE id = ?)""")
                .params(event.organisationId(), event.name(), event.nationalIdScheme().name(), event.nationalId(),
                        event.kind().name(), event.region(), java.sql.Timestamp.from(at), event.town(), provenance,
                        event.organisationId())
                .update();
    }

    @EventHandler
    void on(OrganisationMemberAddedEvent event) {
        jdbc.sql("""
                        INSERT INTO organisation_member (organisation_id, user_id)
                        SELECT ?, ? WHERE NOT EXISTS
                          (SELECT 1 FROM organisation_member WHERE organisation_id = ? AND user_id = ?)""")
                .params(event.organisationId(), event.userId(), event.organisationId(), event.userId())
                .update();
    }

    /** The latest referent wins: replaying the events in order leaves the current one. */
    @EventHandler
    void on(SmeReferentAssignedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        int updated = jdbc.sql("UPDATE organisation_referent SET referent_user_id = ?, assigned_at = ? WHERE organisation_id = ?")
                .params(event.referentUserId(), java.sql.Timestamp.from(at), event.organisationId())
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO organisation_referent (organisation_id, referent_user_id, assigned_at) VALUES (?, ?, ?)")
                    .params(event.organisationId(), event.referentUserId(), java.sql.Timestamp.from(at))
                    .update();
        }
    }

    @ResetHandler
    void reset() {
        ReadModelReset.empty(jdbc,
                "organisation_referent", "organisation_member", "organisation_competence", "organisation");
    }

    /**
     * The organisation with its competences, members and referent in one statement: the organisation's row joined to
     * the three parts (one row per competence, member or referent, the organisation's columns repeated; one row with no
     * part when it has none). It was two statements, a round trip each; an organisation is read by every access check,
     * capacity verdict and SME referent's task offer, about six times a labelling (src/docs/performance.md, session 42).
     */
    @QueryHandler
    public Optional<OrganisationView> handle(FindOrganisationQuery query) {
        String id = query.organisationId();
        Row[] row = {null};
        Parts parts = new Parts();
        jdbc.sql("""
                        SELECT o.*, x.part, x.item FROM organisation o
                        LEFT JOIN (""" + PARTS + """
                        ) x ON 1 = 1
                        WHERE o.id = ?
                        ORDER BY x.part, x.item""")
                .params(id, id, id, id)
                .query((org.springframework.jdbc.core.RowCallbackHandler) rs -> {
                    if (row[0] == null) {
                        row[0] = row(rs);
                    }
                    parts.add(rs.getString("part"), rs.getString("item"));
                });
        return Optional.ofNullable(row[0]).map(parts::view);
    }

    @QueryHandler
    public List<OrganisationView> handle(FindOrganisationsQuery query) {
        // every organisation's parts in the same statement (one more statement per organisation before: the capacity
        // overview, the console's lists and an import's matching read every organisation of the pole)
        StringBuilder sql = new StringBuilder("SELECT o.*, x.part, x.item FROM organisation o LEFT JOIN ("
                + EVERY_ORGANISATIONS_PARTS + ") x ON x.organisation_id = o.id WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (query.competence() != null && !query.competence().isBlank()) {
            sql.append(" AND EXISTS (SELECT 1 FROM organisation_competence c WHERE c.organisation_id = o.id AND c.competence LIKE ?)");
            params.add("%" + query.competence().strip().toLowerCase(Locale.ROOT) + "%");
        }
        if (query.kind() != null) {
            sql.append(" AND o.kind = ?");
            params.add(query.kind().name());
        }
        if (query.region() != null && !query.region().isBlank()) {
            sql.append(" AND LOWER(o.region) = ?");
            params.add(query.region().strip().toLowerCase(Locale.ROOT));
        }
        sql.append(" ORDER BY o.name, o.id, x.part, x.item");
        List<OrganisationView> views = new ArrayList<>();
        Row[] row = {null};
        Parts[] parts = {null};
        jdbc.sql(sql.toString()).params(params)
                .query((org.springframework.jdbc.core.RowCallbackHandler) rs -> {
                    if (row[0] == null || !row[0].id().equals(rs.getString("id"))) {
                        if (row[0] != null) {
                            views.add(parts[0].view(row[0]));
                        }
                        row[0] = row(rs);
                        parts[0] = new Parts();
                    }
                    parts[0].add(rs.getString("part"), rs.getString("item"));
                });
        if (row[0] != null) {
            views.add(parts[0].view(row[0]));
        }
        return views;
    }

    @QueryHandler
    public List<String> handle(FindOrganisationsOfUserQuery query) {
        return jdbc.sql("SELECT organisation_id FROM organisation_member WHERE user_id = ? ORDER BY organisation_id")
                .param(query.userId()).query(String.class).list();
    }

    /** The referent of an SME, in one statement (the organisation's kind and its referent). */
    @QueryHandler
    public Optional<String> handle(FindSmeReferentQuery query) {
        return jdbc.sql("""
                        SELECT r.referent_user_id FROM organisation o
                        JOIN organisation_referent r ON r.organisation_id = o.id
                        WHERE o.id = ? AND o.kind = ?""")
                .params(query.organisationId(), OrganisationKind.SME.name())
                .query(String.class).optional();
    }

    @QueryHandler
    public List<String> handle(FindOrganisationsOfReferentQuery query) {
        return jdbc.sql("SELECT organisation_id FROM organisation_referent WHERE referent_user_id = ? ORDER BY organisation_id")
                .param(query.referentUserId()).query(String.class).list();
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        int headcount = rs.getInt("headcount");
        boolean known = !rs.wasNull();
        return new Row(rs.getString("id"), rs.getString("name"), rs.getString("national_id_scheme"),
                rs.getString("national_id"), rs.getString("kind"), headcount, known, rs.getString("region"),
                rs.getTimestamp("registered_at"), rs.getString("town"), rs.getString("provenance"));
    }

    /** An organisation's competences, members and referent, each row tagged by its part ({@code c}, {@code m}, {@code r}). */
    private static final String PARTS = """
            SELECT 'c' AS part, competence AS item FROM organisation_competence WHERE organisation_id = ?
            UNION ALL SELECT 'm', user_id FROM organisation_member WHERE organisation_id = ?
            UNION ALL SELECT 'r', referent_user_id FROM organisation_referent WHERE organisation_id = ?""";

    /** The same parts of every organisation, each row with its organisation's id (the list of organisations). */
    private static final String EVERY_ORGANISATIONS_PARTS = """
            SELECT organisation_id, 'c' AS part, competence AS item FROM organisation_competence
            UNION ALL SELECT organisation_id, 'm', user_id FROM organisation_member
            UNION ALL SELECT organisation_id, 'r', referent_user_id FROM organisation_referent""";

    /** An organisation's parts as read, in order; a row without a part (an organisation without any) adds nothing. */
    private static final class Parts {
        private final List<String> competences = new ArrayList<>();
        private final List<String> members = new ArrayList<>();
        private final List<String> referent = new ArrayList<>(1);

        void add(String part, String item) {
            if (part != null) {
                (switch (part) {
                    case "c" -> competences;
                    case "m" -> members;
                    default -> referent;
                }).add(item);
            }
        }

        OrganisationView view(Row row) {
            return new OrganisationView(row.id(), row.name(), NationalIdScheme.valueOf(row.scheme()), row.nationalId(),
                    OrganisationKind.valueOf(row.kind()), row.headcount(), row.region(), competences, members,
                    row.registeredAt().toInstant(), row.headcountKnown(), row.town(), row.provenance(),
                    referent.isEmpty() ? null : referent.get(0));
        }
    }

    private record Row(String id, String name, String scheme, String nationalId, String kind, int headcount,
                       boolean headcountKnown, String region, java.sql.Timestamp registeredAt, String town,
                       String provenance) {
    }
}

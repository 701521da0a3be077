package org.tremplin.audit.seal;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Plain JDBC over DomainEventEntry (read only) and the seal tables, so seals cover the stored bytes. */
@Repository
class SealStore {

    private static final String EVENT_COLUMNS = "globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber, "
            + "type, payloadType, payloadRevision, timeStamp, payload, metaData";
    private static final String SEAL_COLUMNS = "global_index, event_identifier, aggregate_identifier, sequence_number, "
            + "seal, previous_seal, sealed_at";

    private static final RowMapper<StoredEvent> EVENT = (rs, row) -> new StoredEvent(rs.getLong("globalIndex"),
            rs.getString("eventIdentifier"), rs.getString("aggregateIdentifier"), rs.getLong("sequenceNumber"),
            rs.getString("type"), rs.getString("payloadType"), rs.getString("payloadRevision"),
            rs.getString("timeStamp"), rs.getBytes("payload"), rs.getBytes("metaData"));

    private static final RowMapper<SealEntry> SEAL = (rs, row) -> new SealEntry(rs.getLong("global_index"),
            rs.getString("event_identifier"), rs.getString("aggregate_identifier"),
            (Long) rs.getObject("sequence_number", Long.class), trim(rs.getString("seal")),
            trim(rs.getString("previous_seal")), rs.getObject("sealed_at", OffsetDateTime.class));

    private static final RowMapper<SealCheckpoint> CHECKPOINT = (rs, row) -> new SealCheckpoint(rs.getLong("id"),
            rs.getLong("global_index"), trim(rs.getString("seal")), rs.getObject("created_at", OffsetDateTime.class));

    private final JdbcTemplate jdbc;

    SealStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stored events with after &lt; globalIndex &lt;= upTo, in globalIndex order, at most limit. */
    List<StoredEvent> events(long after, long upTo, int limit) {
        return jdbc.query("SELECT " + EVENT_COLUMNS + " FROM DomainEventEntry WHERE globalIndex > ? AND globalIndex <= ?"
                + " ORDER BY globalIndex LIMIT ?", EVENT, after, upTo, limit);
    }

    long countEventsAfter(long after) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE globalIndex > ?", Long.class, after);
    }

    Optional<Long> eventIndexOf(String eventIdentifier) {
        return jdbc.queryForList("SELECT globalIndex FROM DomainEventEntry WHERE eventIdentifier = ?", Long.class,
                eventIdentifier).stream().findFirst();
    }

    Optional<StoredEvent> eventAt(String aggregateIdentifier, long sequenceNumber) {
        return jdbc.query("SELECT " + EVENT_COLUMNS + " FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                + " AND sequenceNumber = ?", EVENT, aggregateIdentifier, sequenceNumber).stream().findFirst();
    }

    Optional<SealEntry> lastSeal() {
        return jdbc.query("SELECT " + SEAL_COLUMNS + " FROM event_seal ORDER BY global_index DESC LIMIT 1", SEAL)
                .stream().findFirst();
    }

    List<SealEntry> seals(long after, long upTo, int limit) {
        return jdbc.query("SELECT " + SEAL_COLUMNS + " FROM event_seal WHERE global_index > ? AND global_index <= ?"
                + " ORDER BY global_index LIMIT ?", SEAL, after, upTo, limit);
    }

    Optional<Long> sealIndexOf(String eventIdentifier) {
        return jdbc.queryForList("SELECT global_index FROM event_seal WHERE event_identifier = ?", Long.class,
                eventIdentifier).stream().findFirst();
    }

    void insertSeal(SealEntry entry) {
        jdbc.update("INSERT INTO event_seal (" + SEAL_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", entry.globalIndex(),
                entry.eventIdentifier(), entry.aggregateIdentifier(), entry.sequenceNumber(), entry.seal(),
                entry.previousSeal(), entry.sealedAt());
    }

    void insertCheckpoint(long globalIndex, String seal, OffsetDateTime createdAt) {
        jdbc.update("INSERT INTO seal_checkpoint (global_index, seal, created_at) VALUES (?, ?, ?)",
                globalIndex, seal, createdAt);
    }

    /** Checkpoints after (afterIndex, afterId), in (global_index, id) order, at most limit. */
    List<SealCheckpoint> checkpoints(long afterIndex, long afterId, int limit) {
        return jdbc.query("SELECT id, global_index, seal, created_at FROM seal_checkpoint"
                + " WHERE global_index > ? OR (global_index = ? AND id > ?) ORDER BY global_index, id LIMIT ?",
                CHECKPOINT, afterIndex, afterIndex, afterId, limit);
    }

    List<SealCheckpoint> allCheckpoints() {
        return jdbc.query("SELECT id, global_index, seal, created_at FROM seal_checkpoint ORDER BY global_index, id",
                CHECKPOINT);
    }

    Optional<SealCheckpoint> lastCheckpoint() {
        return jdbc.query("SELECT id, global_index, seal, created_at FROM seal_checkpoint ORDER BY id DESC LIMIT 1",
                CHECKPOINT).stream().findFirst();
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }
}

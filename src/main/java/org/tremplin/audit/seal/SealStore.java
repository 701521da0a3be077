package org.tremplin.audit.seal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    private static final Logger log = LoggerFactory.getLogger(SealStore.class);

    private final JdbcTemplate jdbc;
    private volatile String vendor;

    SealStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What the database says about transactions still open, read at one moment. A hole first seen at F can be
     * settled at once when {@link #clearSince(OffsetDateTime)} F: no transaction that began before F (so none
     * that could have taken that index) is still open, and anything it committed is visible to later reads.
     */
    interface Horizon {
        Horizon UNKNOWN = firstSeen -> false;

        boolean clearSince(OffsetDateTime firstSeen);
    }

    /** Takes the sealer's lock row for the current transaction; false when another sealer holds it (skip). */
    boolean tryLockSealer() {
        return !jdbc.queryForList("SELECT name FROM seal_lock WHERE name = 'sealer' FOR UPDATE SKIP LOCKED",
                String.class).isEmpty();
    }

    /** The database's clock (one clock for every node). */
    OffsetDateTime databaseNow() {
        String sql = isPostgres() ? "SELECT clock_timestamp()" : "SELECT CURRENT_TIMESTAMP";
        return jdbc.queryForObject(sql, OffsetDateTime.class);
    }

    /** Read before the events it protects (see {@link Horizon}). */
    Horizon horizon() {
        if (isPostgres()) {
            // the application's own sessions (same role) show their xact_start; autovacuum and the like are not writers
            OffsetDateTime oldest = jdbc.queryForObject("SELECT MIN(xact_start) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    + " AND backend_type = 'client backend' AND xact_start IS NOT NULL", OffsetDateTime.class);
            return firstSeen -> oldest == null || oldest.isAfter(firstSeen);
        }
        if (isH2()) {
            // only an administrator sees the other sessions; without that, nothing can be concluded
            boolean admin = jdbc.queryForList("SELECT IS_ADMIN FROM INFORMATION_SCHEMA.USERS WHERE USER_NAME = CURRENT_USER",
                    Boolean.class).stream().anyMatch(Boolean.TRUE::equals);
            if (!admin) {
                return Horizon.UNKNOWN;
            }
            // H2 does not tell when a transaction began: any other session with uncommitted changes blocks
            long writing;
            try {
                writing = jdbc.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS"
                        + " WHERE SESSION_ID <> SESSION_ID() AND CONTAINS_UNCOMMITTED", Long.class);
            } catch (DataAccessException e) {
                // H2 2.3 reads each session's transaction without a lock: one ending meanwhile makes the query fail
                // (a NullPointerException inside H2, seen under load). Nothing can be concluded then: the holes wait
                // for the bound, and the pass goes on instead of failing
                log.debug("H2's sessions could not be read for the transaction horizon: {}", e.toString());
                return Horizon.UNKNOWN;
            }
            return firstSeen -> writing == 0;
        }
        return Horizon.UNKNOWN;
    }

    /**
     * The lowest stored global index above {@code after}, if any. ORDER BY ... LIMIT 1, not MIN(): H2 answered the
     * MIN with a range condition by reading the whole range (a fresh national store's sealing: 65 s became 186 s).
     */
    Optional<Long> firstEventIndexAfter(long after) {
        return jdbc.queryForList("SELECT globalIndex FROM DomainEventEntry WHERE globalIndex > ? ORDER BY globalIndex"
                + " LIMIT 1", Long.class, after).stream().findFirst();
    }

    /** The global indexes of the stored events in (after, upTo], in order (indexes only). */
    List<Long> eventIndexesAfter(long after, long upTo) {
        return jdbc.queryForList("SELECT globalIndex FROM DomainEventEntry WHERE globalIndex > ? AND globalIndex <= ?"
                + " ORDER BY globalIndex", Long.class, after, upTo);
    }

    /** Holes after {@code after} and when each was first seen missing. */
    Map<Long, OffsetDateTime> gapsFirstSeen(long after) {
        Map<Long, OffsetDateTime> gaps = new HashMap<>();
        jdbc.query("SELECT global_index, first_seen_at FROM seal_gap WHERE global_index > ?", rs -> {
            gaps.put(rs.getLong("global_index"), rs.getObject("first_seen_at", OffsetDateTime.class));
        }, after);
        return gaps;
    }

    void recordGaps(List<Long> indexes, OffsetDateTime firstSeen) {
        jdbc.batchUpdate("INSERT INTO seal_gap (global_index, first_seen_at) VALUES (?, ?)", indexes, 500,
                (statement, index) -> {
                    statement.setLong(1, index);
                    statement.setObject(2, firstSeen);
                });
    }

    /** Forgets the holes the chain has passed (sealed as gaps, or filled by their event). */
    void forgetGapsBefore(long index) {
        jdbc.update("DELETE FROM seal_gap WHERE global_index < ?", index);
    }

    long countGapsPending() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM seal_gap", Long.class);
    }

    /** The stored event with the lowest global index after {@code after}: the oldest one not sealed yet. */
    Optional<StoredEvent> firstEventAfter(long after) {
        return events(after, Long.MAX_VALUE, 1).stream().findFirst();
    }

    private boolean isPostgres() {
        return vendor().contains("postgres");
    }

    private boolean isH2() {
        return vendor().equals("h2");
    }

    private String vendor() {
        if (vendor == null) {
            vendor = jdbc.execute((ConnectionCallback<String>) connection ->
                    connection.getMetaData().getDatabaseProductName()).toLowerCase(Locale.ROOT);
        }
        return vendor;
    }

    /** Stored events with after &lt; globalIndex &lt;= upTo, in globalIndex order, at most limit. */
    List<StoredEvent> events(long after, long upTo, int limit) {
        return jdbc.query("SELECT " + EVENT_COLUMNS + " FROM DomainEventEntry WHERE globalIndex > ? AND globalIndex <= ?"
                + " ORDER BY globalIndex LIMIT ?", EVENT, after, upTo, limit);
    }

    long countEventsAfter(long after) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE globalIndex > ?", Long.class, after);
    }

    /** The events after the index, counted up to {@code atMost} (reads no more rows than that). */
    long countEventsAfter(long after, int atMost) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM (SELECT globalIndex FROM DomainEventEntry WHERE globalIndex > ?"
                + " ORDER BY globalIndex LIMIT ?) first_events", Long.class, after, atMost);
    }

    /** The highest global index stored (0 for an empty store). */
    long lastEventIndex() {
        return jdbc.queryForObject("SELECT COALESCE(MAX(globalIndex), 0) FROM DomainEventEntry", Long.class);
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

    void insertSeals(List<SealEntry> entries) {
        jdbc.batchUpdate("INSERT INTO event_seal (" + SEAL_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
                entries.stream().map(entry -> new Object[]{entry.globalIndex(), entry.eventIdentifier(),
                        entry.aggregateIdentifier(), entry.sequenceNumber(), entry.seal(), entry.previousSeal(),
                        entry.sealedAt()}).toList());
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

    /** The most recent checkpoints, newest first: a page, where every checkpoint is one per 100 events of the store. */
    List<SealCheckpoint> latestCheckpoints(int limit) {
        return jdbc.query("SELECT id, global_index, seal, created_at FROM seal_checkpoint ORDER BY id DESC LIMIT ?",
                CHECKPOINT, limit);
    }

    long checkpointCount() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM seal_checkpoint", Long.class);
        return count == null ? 0 : count;
    }

    Optional<SealCheckpoint> lastCheckpoint() {
        return jdbc.query("SELECT id, global_index, seal, created_at FROM seal_checkpoint ORDER BY id DESC LIMIT 1",
                CHECKPOINT).stream().findFirst();
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }
}

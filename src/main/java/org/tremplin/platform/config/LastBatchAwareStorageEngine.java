package org.tremplin.platform.config;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.jdbc.JdbcUtils;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.SortedSet;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Axon's JDBC storage engine, except that two reads end at the first batch smaller than the batch size instead of
 * reading once more to get an empty one.
 *
 * <ul>
 *   <li><b>The event store's shared reader</b> (the one stream read with {@code mayBlock}, which the tracking processors
 *   tail). Woken after each step's commit, it read until its stream ended and then, because it had found events, once
 *   more before it slept: three reads, each its own transaction, for every step, the last two empty. Ending the
 *   stream at a batch smaller than the batch size (everything stored after the position when it was read) leaves the
 *   one read after it: two reads a step. Nothing is missed: events committed on this node meanwhile wake the reader
 *   again, and those of other nodes are found at its next poll, as before; a batch smaller than the batch size because
 *   of gaps is followed by that read from its last event. Other streams (the read-model replay, a processor's private
 *   stream while it catches up) still read until an empty batch.</li>
 *   <li><b>An aggregate's events</b>, read before each command: Axon's JDBC engine reads them until an empty batch,
 *   for stores whose sequence numbers may have holes. An aggregate's sequence numbers here have none (Axon numbers
 *   them and the unique key on the aggregate and sequence number refuses a second writer; events are never deleted),
 *   so the window of sequence numbers Axon reads holds fewer events than the batch size only at the aggregate's
 *   end: one read a command instead of two.</li>
 * </ul>
 *
 * <p>The shared reader also skips the read Axon's event store makes right after one that found events: its reader
 * reads again at once whenever a read found something, to see whether more came meanwhile. Here more came meanwhile
 * only if a step committed on this node since the read began ({@link #committedLocally()}, called by the event store
 * after each commit, before it wakes the reader), so without such a commit that read is answered empty without a
 * statement: one read a step instead of two. Events of other nodes are found at the reader's next poll, as they were
 * whenever that extra read came too early for them.
 *
 * <p>The next events after a token are read outside any transaction (each statement on its own, with the
 * connection's auto-commit), rather than in one Axon opens for each read: a read is one statement (two when Axon
 * cleans a token's old gaps first, which need not see the same snapshot), so the transaction added a {@code BEGIN}
 * and a {@code COMMIT} around it, and the reader handed the events on only after the {@code COMMIT}. Inside a
 * transaction already (none of the application's reads are) a read joins it, as before. Every other operation of
 * the engine (appending events, an aggregate's events, tokens) runs in a transaction as before.
 *
 * <p>A token's gaps time out in the events' own time, not the clock's: a gap is dropped once an event is read whose
 * timestamp is more than {@link #GAP_TIMEOUT} (a minute) after that of the event read right after the gap (the event
 * that revealed it), or once {@link #MAX_GAP_OFFSET} newer indexes pass. Axon's engine instead keeps a gap only while
 * the event read is younger than its gap timeout by the clock, so a replay, reading old events, computed tokens without
 * the holes that the live reader's tokens kept; the embedded event store finds a processor's place in its cache by
 * token equality, never took the replayed processors back, and each write then waited about a second
 * (src/docs/performance.md, session 27). Sessions 27 and 28 therefore kept every gap until 10,000 newer indexes passed,
 * which made a wide hole (a rolled-back import) cost every read and every token write until then: 5,000 indexes wide,
 * writes waited 10 ms instead of 3.5 (session 28). Every reader of the same events computes the same tokens with
 * either rule; with this one a gap lasts a minute of the store's traffic, and a quiet store keeps it, as Axon's does
 * between reads. When each gap range was revealed is remembered on the node (the latest {@link #RECENT_REVEALS}
 * ranges) and read from the store for a token this node did not compute (a restart, a token stored by another node):
 * at its first read, by key, a statement for up to {@link #RANGES_A_STATEMENT} ranges.
 *
 * <p>Appending events asks the database for the global index it gives each row (the insert's generated key, in the
 * same round trip) and hands them to the current request ({@link CommittedEvents#recordAppended}): a write's
 * read-your-writes wait knows where its events are without looking them up after the commit (one statement a write
 * fewer). Otherwise the events are inserted as Axon's engine inserts them: one batch, in the unit of work's
 * transaction, the same columns and values.
 *
 * <p>The shared reader takes the events committed on this node from memory when they are the next ones: each append
 * keeps its rows (as inserted, with the global indexes the database reported) once its transaction commits, and a
 * read of the next events after a token without gaps whose next index is such a row hands over the run of them that
 * follows it, without a statement ({@link #committedHereAfter}). Nothing can lie between the token's position and the
 * next index, so the run is what the store would answer, minus any later event of another node (found by the next
 * read, as an event committed just after a read is). A token with gaps, or a next index not committed here (another
 * node's, one still being written, a rolled-back insert's), is read from the store as before, and so are the events
 * an event handler's command appends (its savepoint may roll them back while the batch commits). This takes one
 * statement off the way of each step's read-your-writes wait when the steps commit in order (one client: each
 * step; src/docs/performance.md, session 46).
 *
 * <p>It also reads no snapshot. Axon's event store asks for an aggregate's latest snapshot before reading its events,
 * one statement before every command; no aggregate here takes snapshots (none declares a snapshot trigger), so the
 * answer was always empty. Without a snapshot an aggregate is rebuilt from all its events, which are never deleted:
 * a snapshot row, were one ever stored, would be ignored, never wrong.
 */
final class LastBatchAwareStorageEngine extends JdbcEventStorageEngine {

    /** Indexes after which a token forgets a gap (Axon's default, set on the builder with this constant). */
    static final int MAX_GAP_OFFSET = 10_000;
    /** The first global index the store hands out (Axon's default, set on the builder with this constant). */
    static final long LOWEST_GLOBAL_SEQUENCE = 1;

    /**
     * How long after the event that revealed a gap a token keeps it, in the events' own time, by default (Axon's
     * default gap timeout, which Axon compares with the clock instead; {@code tremplin.event-store.gap-timeout}).
     */
    static final Duration GAP_TIMEOUT = Duration.ofSeconds(60);
    /** Gap ranges whose reveal time is read from the store in one statement, at most. */
    private static final int RANGES_A_STATEMENT = 100;
    /** Reveal times the node remembers (a token's gap ranges; a 10⁷-event store has far fewer holes in any window). */
    private static final int RECENT_REVEALS = 10_000;
    /**
     * The latest events committed here that the node keeps for the shared reader (about a kilobyte each): the reader
     * asks for the ones right after its position, a few steps' worth at most under load.
     */
    static final int COMMITTED_HERE = 1_000;

    /** Set while the next events after a token are read: the engine's transaction manager then opens none. */
    private static final ThreadLocal<Boolean> TRACKED_READ = new ThreadLocal<>();
    /** Set while the shared reader reads the next events: they are read through {@link #sharedReads} when set. */
    private static final ThreadLocal<Boolean> SHARED_READ = new ThreadLocal<>();

    /** The transaction manager of the appends (the one given, which a tracked read never reaches). */
    private final TransactionManager transactionManager;
    /** The global index's column as the database names it for generated keys, once the first append asked it. */
    private volatile String[] globalIndexKey;
    /** The connections the shared reader reads the next events through ({@link SharedEventReads}); null: the engine's. */
    private volatile DataSource sharedReads;
    /** Told of each event the shared reader hands over ({@link #afterSharedRead}); none until set. */
    private volatile Consumer<TrackedEventMessage<?>> sharedReadListener;
    /** Steps committed on this node so far (see {@link #committedLocally()}). */
    private final AtomicLong localCommits = new AtomicLong();
    /** The latest rows appended on this node and committed, by global index ({@link #COMMITTED_HERE} at most). */
    private final ConcurrentSkipListMap<Long, GenericDomainEventEntry<?>> committedHere = new ConcurrentSkipListMap<>();
    /** The shared reader's last read, when it found events and ended at a batch smaller than the batch size. */
    private volatile ShortRead lastShortRead;
    /** See {@link #GAP_TIMEOUT}. */
    private final Duration gapTimeout;
    /** While the next events after a token are read: the reveal time of each gap range, by the range's last index. */
    private final ThreadLocal<Map<Long, Instant>> readReveals = new ThreadLocal<>();
    /** The reveal times of the latest gap ranges read on this node, by the range's last index (guarded by itself). */
    private final Map<Long, Instant> recentReveals = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Instant> eldest) {
            return size() > RECENT_REVEALS;
        }
    };

    /**
     * @param builder            Axon's builder, every setting but the transaction manager
     * @param transactionManager the transaction manager of every operation but the next events' reads
     * @param gapTimeout         how long after the event that revealed a gap a token keeps it (see {@link #GAP_TIMEOUT})
     */
    LastBatchAwareStorageEngine(JdbcEventStorageEngine.Builder builder, TransactionManager transactionManager,
                                Duration gapTimeout) {
        super(builder.transactionManager(new TrackedReadsOutsideTransactions(transactionManager)));
        this.transactionManager = transactionManager;
        this.gapTimeout = gapTimeout;
    }

    /**
     * Inserts the events as Axon's engine does (see the class comment), and reports the global index the database
     * gave each to the current request.
     */
    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        Map<Long, GenericDomainEventEntry<?>> appended = new LinkedHashMap<>();
        transactionManager.executeInTransaction(() -> {
            Connection connection = getConnection();
            try (PreparedStatement statement = connection.prepareStatement(appendSql(), globalIndexKey(connection))) {
                List<GenericDomainEventEntry<?>> rows = new ArrayList<>(events.size());
                for (EventMessage<?> message : events) {
                    DomainEventMessage<?> event = asDomainEventMessage(message);
                    SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
                    SerializedObject<byte[]> metaData = event.serializeMetaData(serializer, byte[].class);
                    // the row as the store will read it back (an event without an aggregate has none there)
                    rows.add(new GenericDomainEventEntry<>(event.getType(),
                            event.getIdentifier().equals(event.getAggregateIdentifier()) ? null : event.getAggregateIdentifier(),
                            event.getSequenceNumber(), event.getIdentifier(), DateTimeUtils.formatInstant(event.getTimestamp()),
                            payload.getType().getName(), payload.getType().getRevision(), payload.getData(),
                            metaData.getData()));
                    statement.setString(1, event.getIdentifier());
                    statement.setString(2, event.getAggregateIdentifier());
                    statement.setLong(3, event.getSequenceNumber());
                    statement.setString(4, event.getType());
                    writeTimestamp(statement, 5, event.getTimestamp());
                    statement.setString(6, payload.getType().getName());
                    statement.setString(7, payload.getType().getRevision());
                    statement.setBytes(8, payload.getData());
                    statement.setBytes(9, metaData.getData());
                    statement.addBatch();
                }
                statement.executeBatch();
                long[] indexes = generatedIndexes(statement, events.size());
                CommittedEvents.recordAppended(events, indexes);
                for (int i = 0; i < indexes.length; i++) {
                    appended.put(indexes[i], rows.get(i));
                }
            } catch (SQLException e) {
                handlePersistenceException(e, events.get(0));
            } finally {
                JdbcUtils.closeQuietly(connection);
            }
        });
        if (appended.isEmpty() || inEventHandler()) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // in a step's transaction, still open: the rows are the store's once it commits, never if it rolls back
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    keepCommitted(appended);
                }
            });
        } else {
            keepCommitted(appended);
        }
    }

    /**
     * Whether the events are appended by an event handler's command (a processor's transaction): a handler of a batch
     * of several events runs under a savepoint of its own, which a failure rolls back while the batch's transaction
     * commits, so the commit would not prove such rows stored. The store is read for them.
     */
    static boolean inEventHandler() {
        return CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().root().getMessage() instanceof EventMessage<?>;
    }

    /** Keeps committed rows for the shared reader (run before the event store wakes it after the commit). */
    void keepCommitted(Map<Long, GenericDomainEventEntry<?>> rows) {
        committedHere.putAll(rows);
        while (committedHere.size() > COMMITTED_HERE) {
            committedHere.pollFirstEntry();
        }
    }

    /**
     * The events committed on this node that follow the token, as the store would read them, when its next index is
     * one of them and it has no gaps: the run of consecutive indexes from there, at most {@code max}; otherwise none
     * (the store is read).
     */
    List<TrackedEventData<?>> committedHereAfter(TrackingToken lastToken, int max) {
        if (!(lastToken instanceof GapAwareTrackingToken token) || !token.getGaps().isEmpty()) {
            return List.of();
        }
        List<TrackedEventData<?>> run = new ArrayList<>();
        GapAwareTrackingToken position = token;
        for (long index = token.getIndex() + 1; run.size() < max; index++) {
            GenericDomainEventEntry<?> row = committedHere.get(index);
            if (row == null) {
                break;
            }
            position = position.advanceTo(index, MAX_GAP_OFFSET);
            run.add(new TrackedDomainEventData<>(position, row));
        }
        return run;
    }

    private String appendSql() {
        EventSchema schema = schema();
        return "INSERT INTO " + schema.domainEventTable() + " (" + schema.domainEventFields() + ") VALUES (?,?,?,?,?,?,?,?,?)";
    }

    /**
     * The global index's column for the driver's generated keys: PostgreSQL's driver quotes the name it is given
     * (the column is stored in lower case), H2 looks it up as stored (in upper case).
     */
    private String[] globalIndexKey(Connection connection) throws SQLException {
        String[] key = globalIndexKey;
        if (key == null) {
            String column = schema().globalIndexColumn();
            boolean postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
            key = new String[]{postgres ? column.toLowerCase(Locale.ROOT) : column.toUpperCase(Locale.ROOT)};
            globalIndexKey = key;
        }
        return key;
    }

    /** The generated global indexes of the batch's rows, in order; empty when the driver did not report one each. */
    private static long[] generatedIndexes(PreparedStatement statement, int rows) throws SQLException {
        long[] indexes = new long[rows];
        int read = 0;
        try (ResultSet keys = statement.getGeneratedKeys()) {
            while (keys != null && keys.next() && read < rows) {
                indexes[read++] = keys.getLong(1);
            }
        }
        return read == rows ? indexes : new long[0];
    }

    /** An event outside any aggregate is stored as Axon stores it: its own identifier as the aggregate's, sequence 0. */
    private static DomainEventMessage<?> asDomainEventMessage(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domainEvent ? domainEvent
                : new GenericDomainEventMessage<>(null, event.getIdentifier(), 0L, event, event::getTimestamp);
    }

    /**
     * Tells the shared reader that events were committed on this node: its next read queries the store even right
     * after a read that found events. Called after the database committed them, before the reader is woken.
     */
    void committedLocally() {
        localCommits.incrementAndGet();
    }

    /** How many times events were committed on this node so far. */
    long localCommits() {
        return localCommits.get();
    }


    /**
     * The event with its token: the holes between the previous token's position and this event become gaps, and a
     * gap is dropped once an event is read whose own timestamp is more than the gap timeout after the timestamp of the
     * event read right after the gap (the event that revealed it), or once {@link #MAX_GAP_OFFSET} newer indexes pass
     * (see the class comment). Axon's own computation, which compares the event's age with the clock, is not used.
     */
    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        EventSchema schema = schema();
        long index = resultSet.getLong(schema.globalIndexColumn());
        String aggregateIdentifier = resultSet.getString(schema.aggregateIdentifierColumn());
        String eventIdentifier = resultSet.getString(schema.eventIdentifierColumn());
        // as Axon's engine reads an event (an event without an aggregate has its own identifier there)
        GenericDomainEventEntry<?> event = new GenericDomainEventEntry<>(
                resultSet.getString(schema.typeColumn()),
                eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                resultSet.getLong(schema.sequenceNumberColumn()),
                eventIdentifier,
                readTimeStamp(resultSet, schema.timestampColumn()),
                resultSet.getString(schema.payloadTypeColumn()),
                resultSet.getString(schema.payloadRevisionColumn()),
                readPayload(resultSet, schema.payloadColumn()),
                readPayload(resultSet, schema.metaDataColumn()));
        Instant timestamp = event.getTimestamp();
        Map<Long, Instant> revealed = readReveals.get();
        if (revealed == null) {
            // not through fetchTrackedEvents (Axon reads tracked events only there): the previous token's gaps are
            // looked up now
            revealed = revealTimes(previousToken);
        }
        GapAwareTrackingToken token;
        if (previousToken == null) {
            // a first token: the holes before the first event, at most the last MAX_GAP_OFFSET of them
            long firstGap = Math.min(index, Math.max(LOWEST_GLOBAL_SEQUENCE, index - MAX_GAP_OFFSET));
            token = GapAwareTrackingToken.newInstance(index, LongStream.range(firstGap, index).boxed()
                    .collect(Collectors.toCollection(TreeSet::new)));
            if (firstGap < index) {
                reveal(revealed, index - 1, timestamp);
            }
        } else {
            token = previousToken.advanceTo(index, MAX_GAP_OFFSET);
            if (index > previousToken.getIndex() + 1) {
                reveal(revealed, index - 1, timestamp);
            }
        }
        return new TrackedDomainEventData<>(withoutTimedOutGaps(token, timestamp, revealed), event);
    }

    /**
     * Reads the next events after a token, their tokens computed with the reveal times of its gaps (looked up once
     * for the read, see {@link #revealTimes}).
     */
    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        if (Boolean.TRUE.equals(TRACKED_READ.get())) {
            return super.fetchTrackedEvents(lastToken, batchSize);
        }
        TRACKED_READ.set(Boolean.TRUE);
        try {
            readReveals.set(revealTimes((GapAwareTrackingToken) lastToken));
            return super.fetchTrackedEvents(lastToken, batchSize);
        } finally {
            readReveals.remove();
            TRACKED_READ.remove();
        }
    }

    /**
     * The reveal time of every range of the token's gaps, by the range's last index: the timestamp of the first
     * event stored after it, from the node's memory of recent reads, else read from the store (after a restart, or
     * for a token stored by another node), all missing ranges in one statement.
     */
    private Map<Long, Instant> revealTimes(GapAwareTrackingToken token) {
        Map<Long, Instant> times = new HashMap<>();
        if (token == null || token.getGaps().isEmpty()) {
            return times;
        }
        List<Long> missing = new ArrayList<>();
        SortedSet<Long> gaps = token.getGaps();
        synchronized (recentReveals) {
            GapRuns.forEach(gaps, (first, last) -> {
                Instant time = recentReveals.get(last);
                if (time != null) {
                    times.put(last, time);
                } else {
                    missing.add(last);
                }
            });
        }
        if (!missing.isEmpty()) {
            times.putAll(readRevealTimes(missing, token.getIndex()));
        }
        return times;
    }

    /**
     * For each range's last index, the timestamp of the first event stored after it (and at most at the token's
     * position), read by the primary key: one statement for up to {@link #RANGES_A_STATEMENT} ranges.
     */
    private Map<Long, Instant> readRevealTimes(List<Long> rangeEnds, long position) {
        Map<Long, Instant> times = new HashMap<>();
        for (int from = 0; from < rangeEnds.size(); from += RANGES_A_STATEMENT) {
            List<Long> ends = rangeEnds.subList(from, Math.min(rangeEnds.size(), from + RANGES_A_STATEMENT));
            EventSchema schema = schema();
            String index = schema.globalIndexColumn();
            String first = "SELECT * FROM (SELECT CAST(? AS BIGINT) AS range_end, " + schema.timestampColumn()
                    + " FROM " + schema.domainEventTable() + " WHERE " + index + " > ? AND " + index + " <= ? ORDER BY "
                    + index + " ASC FETCH FIRST 1 ROWS ONLY) revealer";
            String sql = String.join(" UNION ALL ", Collections.nCopies(ends.size(), first));
            times.putAll(JdbcUtils.executeQuery(getConnection(), connection -> {
                PreparedStatement statement = connection.prepareStatement(sql);
                for (int i = 0; i < ends.size(); i++) {
                    statement.setLong(3 * i + 1, ends.get(i));
                    statement.setLong(3 * i + 2, ends.get(i));
                    statement.setLong(3 * i + 3, position);
                }
                return statement;
            }, rows -> {
                Map<Long, Instant> read = new HashMap<>();
                while (rows.next()) {
                    read.put(rows.getLong("range_end"),
                            DateTimeUtils.parseInstant(readTimeStamp(rows, schema.timestampColumn()).toString()));
                }
                return read;
            }, e -> new EventStoreException("Failed to read when the gaps of a token were revealed", e)));
        }
        synchronized (recentReveals) {
            recentReveals.putAll(times);
        }
        return times;
    }

    /** Remembers when the holes up to {@code rangeEnd} were revealed, for this read and the node's next reads. */
    private void reveal(Map<Long, Instant> revealed, long rangeEnd, Instant time) {
        revealed.put(rangeEnd, time);
        synchronized (recentReveals) {
            recentReveals.put(rangeEnd, time);
        }
    }

    /**
     * The token without the gaps whose range was revealed more than the gap timeout before the event read. A range
     * with no known reveal time is the lower part of a range that this event, committed late into one of its gaps,
     * has just split: the first event after it is this one, so it is taken as revealed by this event, as a reader
     * that reads the store later computes it.
     */
    private GapAwareTrackingToken withoutTimedOutGaps(GapAwareTrackingToken token, Instant timestamp,
                                                      Map<Long, Instant> revealed) {
        SortedSet<Long> gaps = token.getGaps();
        if (gaps.isEmpty()) {
            return token;
        }
        Instant cutoff = timestamp.minus(gapTimeout);
        AtomicReference<TreeSet<Long>> kept = new AtomicReference<>();
        GapRuns.forEach(gaps, (first, last) -> {
            Instant time = revealed.get(last);
            if (time == null) {
                reveal(revealed, last, timestamp);
            } else if (time.isBefore(cutoff)) {
                if (kept.get() == null) {
                    kept.set(new TreeSet<>(gaps));
                }
                kept.get().subSet(first, last + 1).clear();
            }
        });
        return kept.get() == null ? token : GapAwareTrackingToken.newInstance(token.getIndex(), kept.get());
    }

    /** An aggregate's read ends at a batch smaller than the batch size (Axon's default; its JDBC engine says true). */
    @Override
    protected boolean fetchForAggregateUntilEmpty() {
        return false;
    }

    /** No snapshot is looked for: an aggregate is read from its first event (see the class comment). */
    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return Stream.empty();
    }

    /**
     * Reports each event of the shared reader's stream once the embedded event store has put it in its cache (the store
     * takes each event of that stream, adds it to its cache and signals its consumers before it asks for the next one):
     * the processors' streams are woken from here ({@link ProcessorWakeups}), and the events the store dropped from its
     * cache unlinked ({@link DroppedEventsUnlinker}). Each listener is told after those set before it.
     */
    synchronized void afterSharedRead(Consumer<TrackedEventMessage<?>> listener) {
        Consumer<TrackedEventMessage<?>> before = sharedReadListener;
        this.sharedReadListener = before == null ? listener : before.andThen(listener);
    }

    /** The shared reader reads the next events through these connections from now on (null: the engine's own). */
    void sharedReadsFrom(DataSource connections) {
        this.sharedReads = connections;
    }

    /**
     * The engine's connection, except for the shared reader's reads of the next events outside a transaction, which
     * go through {@link #sharedReadsFrom its own connections} when it has some.
     */
    @Override
    protected Connection getConnection() {
        DataSource reads = sharedReads;
        if (reads != null && Boolean.TRUE.equals(SHARED_READ.get())
                && !TransactionSynchronizationManager.isActualTransactionActive()) {
            try {
                return reads.getConnection();
            } catch (SQLException e) {
                throw new EventStoreException("The event store's reader could not obtain a database connection", e);
            }
        }
        return super.getConnection();
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        Stream<? extends TrackedEventMessage<?>> events = super.readEvents(trackingToken, mayBlock);
        Consumer<TrackedEventMessage<?>> listener = sharedReadListener;
        if (!mayBlock || listener == null) {
            return events;
        }
        Spliterator<? extends TrackedEventMessage<?>> source = events.spliterator();
        return StreamSupport.stream(new Spliterators.AbstractSpliterator<TrackedEventMessage<?>>(Long.MAX_VALUE,
                Spliterator.NONNULL | Spliterator.ORDERED) {
            @Override
            public boolean tryAdvance(Consumer<? super TrackedEventMessage<?>> action) {
                return source.tryAdvance(event -> {
                    action.accept(event);
                    listener.accept(event);
                });
            }
        }, false).onClose(events::close);
    }

    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        if (!mayBlock) {
            return super.readEventData(trackingToken, false);
        }
        long commitsBefore = localCommits.get();
        ShortRead previous = lastShortRead;
        lastShortRead = null;
        if (previous != null && previous.commitsBefore() == commitsBefore && Objects.equals(previous.end(), trackingToken)) {
            // the event store's read again right after one that found events, and no step committed here since
            return Stream.empty();
        }
        return StreamSupport.stream(new Spliterators.AbstractSpliterator<TrackedEventData<?>>(Long.MAX_VALUE,
                Spliterator.NONNULL | Spliterator.ORDERED | Spliterator.DISTINCT) {
            private TrackingToken position = trackingToken;
            private Iterator<? extends TrackedEventData<?>> batch;
            private boolean lastBatch;

            @Override
            public boolean tryAdvance(Consumer<? super TrackedEventData<?>> action) {
                if (batch == null || !batch.hasNext()) {
                    if (lastBatch) {
                        return false;
                    }
                    long commits = localCommits.get();
                    List<? extends TrackedEventData<?>> events = committedHereAfter(position, batchSize());
                    if (events.isEmpty()) {
                        SHARED_READ.set(Boolean.TRUE);
                        try {
                            events = fetchTrackedEvents(position, batchSize());
                        } finally {
                            SHARED_READ.remove();
                        }
                    }
                    lastBatch = events.size() < batchSize();
                    batch = events.iterator();
                    if (!batch.hasNext()) {
                        return false;
                    }
                    if (lastBatch) {
                        lastShortRead = new ShortRead(events.get(events.size() - 1).trackingToken(), commits);
                    }
                }
                TrackedEventData<?> event = batch.next();
                position = event.trackingToken();
                action.accept(event);
                return true;
            }
        }, false);
    }

    /**
     * A read of the shared reader that found events and ended below the batch size: where it ended, and how many
     * steps had committed on this node when its statement was sent (any committed later may not be in it).
     */
    private record ShortRead(TrackingToken end, long commitsBefore) {
    }

    /**
     * The engine's transaction manager: the given one, except while the next events after a token are read, when
     * it opens no transaction (the statements run with auto-commit, or join a transaction already open).
     */
    private record TrackedReadsOutsideTransactions(TransactionManager delegate) implements TransactionManager {

        @Override
        public Transaction startTransaction() {
            if (Boolean.TRUE.equals(TRACKED_READ.get())) {
                return NO_TRANSACTION;
            }
            return delegate.startTransaction();
        }

        private static final Transaction NO_TRANSACTION = new Transaction() {
            @Override
            public void commit() {
            }

            @Override
            public void rollback() {
            }
        };
    }
}

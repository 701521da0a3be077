package org.tremplin.platform.query;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The event store as the "as of" views read it: a stream's events up to an instant as light rows (sequence and time, no
 * payload: from the (stream, time, sequence, type) index), a few events of given types in full (kept once read), and the events of
 * given steps in full (exactly their rows, upcast and deserialized by Axon as the event store does). An "as of" view then reads in
 * full only the events it folds.
 */
@Component
public class StoredEvents {

    /** A stored event without its payload: its stream, sequence and time. */
    public record Row(String aggregate, long sequence, Instant timestamp) {
    }

    private final JdbcTemplate jdbc;
    private final Serializer eventSerializer;
    private final Configuration axon;

    public StoredEvents(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer eventSerializer, Configuration axon) {
        this.jdbc = jdbc;
        this.eventSerializer = eventSerializer;
        this.axon = axon;
    }

    /** The stream's events stamped at or before the instant, in sequence order (as {@code readEvents} filtered). */
    public List<Row> until(String aggregate, Instant asOf) {
        List<Row> rows = new ArrayList<>();
        jdbc.query("SELECT sequenceNumber, timeStamp FROM DomainEventEntry WHERE aggregateIdentifier = ?", rs -> {
            Instant at = storedInstant(rs.getString(2));
            if (!at.isAfter(asOf)) {
                rows.add(new Row(aggregate, rs.getLong(1), at));
            }
        }, aggregate);
        rows.sort(Comparator.comparingLong(Row::sequence));
        return rows;
    }

    /** The stream's events of these types stamped at or before the instant, in full, in sequence order. */
    public List<DomainEventMessage<?>> ofTypes(String aggregate, Instant asOf, Class<?>... types) {
        List<Object> arguments = new ArrayList<>();
        arguments.add(aggregate);
        StringBuilder in = new StringBuilder();
        for (Class<?> type : types) {
            in.append(in.isEmpty() ? "?" : ", ?");
            arguments.add(type.getName());
        }
        List<Long> sequences = new ArrayList<>();
        jdbc.query("SELECT sequenceNumber, timeStamp FROM DomainEventEntry WHERE aggregateIdentifier = ? AND payloadType IN ("
                + in + ") ORDER BY sequenceNumber", rs -> {
            if (!storedInstant(rs.getString(2)).isAfter(asOf)) {
                sequences.add(rs.getLong(1));
            }
        }, arguments.toArray());
        List<ScratchDatabases.Step> missing = new ArrayList<>();
        for (Long sequence : sequences) {
            if (!linking.containsKey(aggregate + "#" + sequence)) {
                missing.add(new ScratchDatabases.Step(aggregate, sequence, 0));
            }
        }
        if (!missing.isEmpty()) {
            List<DomainEventMessage<?>> read = load(missing);
            if (linking.size() + read.size() > LINKING_KEPT) {
                linking.clear();
            }
            read.forEach(event -> linking.put(aggregate + "#" + event.getSequenceNumber(), event));
        }
        List<DomainEventMessage<?>> events = new ArrayList<>(sequences.size());
        for (Long sequence : sequences) {
            DomainEventMessage<?> event = linking.get(aggregate + "#" + sequence);
            events.add(event != null ? event : load(List.of(new ScratchDatabases.Step(aggregate, sequence, 0))).get(0));
        }
        return events;
    }

    /**
     * The events read by {@link #ofTypes} (the few that link a project's streams: calls chosen, partners invited,
     * applications submitted), by stream and sequence: a stored event never changes, so an "as of" view reads each once.
     */
    private final Map<String, DomainEventMessage<?>> linking = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int LINKING_KEPT = 20_000;

    /** Sequences asked of one stream in one statement, at most. */
    private static final int IN_CHUNK = 200;

    private static final String EVENT_COLUMNS = "eventIdentifier, aggregateIdentifier, sequenceNumber, type, timeStamp,"
            + " payloadType, payloadRevision, payload, metaData";

    /**
     * These steps' events in full, in the order given. Exactly these rows are read (by stream and sequence, on the
     * stream's unique key), then upcast and deserialized by Axon as {@code readEvents} does: Axon's {@code readEvents}
     * reads a stream from a sequence in batches of 100, so a timeline page touching 16 streams read about 1,600 rows
     * for its 50 events.
     */
    public List<DomainEventMessage<?>> load(List<ScratchDatabases.Step> steps) {
        Map<String, TreeSet<Long>> needed = new LinkedHashMap<>();
        steps.forEach(step -> needed.computeIfAbsent(step.aggregate(), a -> new TreeSet<>()).add(step.sequence()));
        List<DomainEventData<?>> rows = new ArrayList<>(steps.size());
        needed.forEach((aggregate, sequences) -> {
            List<Long> all = new ArrayList<>(sequences);
            for (int from = 0; from < all.size(); from += IN_CHUNK) {
                List<Long> chunk = all.subList(from, Math.min(from + IN_CHUNK, all.size()));
                List<Object> arguments = new ArrayList<>(chunk.size() + 1);
                arguments.add(aggregate);
                arguments.addAll(chunk);
                rows.addAll(jdbc.query("SELECT " + EVENT_COLUMNS + " FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                        + " AND sequenceNumber IN (" + marks(chunk.size()) + ")", ROW, arguments.toArray()));
            }
        });
        Map<String, DomainEventMessage<?>> found = new HashMap<>();
        DomainEventStream stream = EventStreamUtils.upcastAndDeserializeDomainEvents(rows.stream(),
                eventSerializer, axon.upcasterChain());
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            found.put(event.getAggregateIdentifier() + "#" + event.getSequenceNumber(), event);
        }
        List<DomainEventMessage<?>> events = new ArrayList<>(steps.size());
        for (ScratchDatabases.Step step : steps) {
            DomainEventMessage<?> event = found.get(step.aggregate() + "#" + step.sequence());
            if (event == null) {
                throw new IllegalStateException("Event " + step.aggregate() + " #" + step.sequence()
                        + " was listed but could not be read from the event store");
            }
            events.add(event);
        }
        return events;
    }

    /** A stored event row as Axon's JDBC storage engine reads it (payload and metadata as bytes, time as stored). */
    private static final RowMapper<DomainEventData<?>> ROW = (rs, n) -> new GenericDomainEventEntry<>(
            rs.getString("type"), rs.getString("aggregateIdentifier"), rs.getLong("sequenceNumber"),
            rs.getString("eventIdentifier"), rs.getString("timeStamp"), rs.getString("payloadType"),
            rs.getString("payloadRevision"), rs.getBytes("payload"), rs.getBytes("metaData"));

    private static String marks(int count) {
        StringBuilder marks = new StringBuilder();
        for (int i = 0; i < count; i++) {
            marks.append(i == 0 ? "?" : ", ?");
        }
        return marks.toString();
    }

    /**
     * A stored timestamp as an instant: Axon's form {@code yyyy-MM-ddTHH:mm:ss.SSSZ} read field by field (far cheaper
     * than {@link Instant#parse} on 10⁴ rows), anything else by {@link Instant#parse}; the same instant either way.
     */
    public static Instant storedInstant(String stored) {
        if (stored.length() == 24 && stored.charAt(4) == '-' && stored.charAt(7) == '-' && stored.charAt(10) == 'T'
                && stored.charAt(13) == ':' && stored.charAt(16) == ':' && stored.charAt(19) == '.'
                && stored.charAt(23) == 'Z') {
            int year = digits(stored, 0, 4);
            int month = digits(stored, 5, 2);
            int day = digits(stored, 8, 2);
            int hour = digits(stored, 11, 2);
            int minute = digits(stored, 14, 2);
            int second = digits(stored, 17, 2);
            int milli = digits(stored, 20, 3);
            if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= java.time.YearMonth.of(year, month).lengthOfMonth()
                    && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59 && milli >= 0) {
                long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
                return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, milli * 1_000_000L);
            }
        }
        return Instant.parse(stored);
    }

    /** The number written with these decimal digits, or -1 if one is not a digit. */
    private static int digits(String text, int start, int length) {
        int value = 0;
        for (int i = start; i < start + length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}

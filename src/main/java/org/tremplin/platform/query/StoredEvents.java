package org.tremplin.platform.query;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;
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
 * given steps in full (read through the event store: upcast and deserialized as usual). An "as of" view then reads in
 * full only the events it folds.
 */
@Component
public class StoredEvents {

    /** A stored event without its payload: its stream, sequence and time. */
    public record Row(String aggregate, long sequence, Instant timestamp) {
    }

    private final JdbcTemplate jdbc;
    private final EventStore eventStore;

    public StoredEvents(JdbcTemplate jdbc, EventStore eventStore) {
        this.jdbc = jdbc;
        this.eventStore = eventStore;
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

    /** Sequences further apart than this are read by separate reads of the stream. */
    private static final long RUN_GAP = 100;

    /** These steps' events in full, in the order given: each stream read from the first sequence needed only. */
    public List<DomainEventMessage<?>> load(List<ScratchDatabases.Step> steps) {
        Map<String, TreeSet<Long>> needed = new LinkedHashMap<>();
        steps.forEach(step -> needed.computeIfAbsent(step.aggregate(), a -> new TreeSet<>()).add(step.sequence()));
        Map<String, DomainEventMessage<?>> found = new HashMap<>();
        needed.forEach((aggregate, sequences) -> {
            List<Long> run = new ArrayList<>();
            for (Long sequence : sequences) {
                if (!run.isEmpty() && sequence - run.get(run.size() - 1) > RUN_GAP) {
                    read(aggregate, run, found);
                    run.clear();
                }
                run.add(sequence);
            }
            read(aggregate, run, found);
        });
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

    private void read(String aggregate, List<Long> sequences, Map<String, DomainEventMessage<?>> found) {
        java.util.Set<Long> wanted = new java.util.HashSet<>(sequences);
        long last = sequences.get(sequences.size() - 1);
        DomainEventStream stream = eventStore.readEvents(aggregate, sequences.get(0));
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (wanted.contains(event.getSequenceNumber())) {
                found.put(aggregate + "#" + event.getSequenceNumber(), event);
            }
            if (event.getSequenceNumber() >= last) {
                break;
            }
        }
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

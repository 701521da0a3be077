package org.tremplin.audit.query;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A project's timeline as the stored rows' keys (identifier, aggregate, sequence, timestamp, payload type: no payload,
 * no metadata), in the very order {@link ProjectHistoryService} merges the sources' events; and the full events of a
 * few of them, read from the event store (upcast and deserialized by Axon as usual). A page of a timeline of 10⁴ events
 * then reads one light row per event and only the page's events in full.
 */
@Component
class TimelineKeys {

    /** One stored event, without its payload and metadata. */
    record Key(String eventIdentifier, String aggregateIdentifier, long sequenceNumber, Instant timestamp,
               String payloadType) {
    }

    private final JdbcTemplate jdbc;
    private final EventStore eventStore;

    TimelineKeys(JdbcTemplate jdbc, EventStore eventStore) {
        this.jdbc = jdbc;
        this.eventStore = eventStore;
    }

    /** The merged keys, or null when a source cannot name its aggregates (then the events are read). */
    List<Key> merged(String projectId, List<TimelineSource> sources) {
        Map<String, List<Key>> byAggregate = new HashMap<>();
        Function<String, List<Key>> keysOf = aggregate -> byAggregate.computeIfAbsent(aggregate, this::keys);
        Function<Set<Class<?>>, List<? extends DomainEventMessage<?>>> linking = types -> {
            Set<String> names = new HashSet<>();
            types.forEach(type -> names.add(type.getName()));
            return fetch(keysOf.apply(projectId).stream().filter(key -> names.contains(key.payloadType())).toList());
        };
        List<List<Key>> streams = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (TimelineSource source : sources) {
            List<String> aggregates = source.aggregatesOf(projectId, linking);
            if (aggregates == null) {
                return null;
            }
            List<Key> stream = new ArrayList<>();
            aggregates.forEach(aggregate -> stream.addAll(keysOf.apply(aggregate)));
            if (source.sortsByTime()) {
                stream.sort(Comparator.comparing(Key::timestamp));
            }
            List<Key> kept = new ArrayList<>(stream.size());
            stream.forEach(key -> {
                if (seen.add(key.eventIdentifier())) {
                    kept.add(key);
                }
            });
            streams.add(kept);
        }
        return ProjectHistoryService.merge(streams, Key::timestamp);
    }

    /** The stored keys of one aggregate, in sequence order. */
    private List<Key> keys(String aggregateIdentifier) {
        return jdbc.query("SELECT eventIdentifier, aggregateIdentifier, sequenceNumber, timeStamp, payloadType"
                        + " FROM DomainEventEntry WHERE aggregateIdentifier = ? ORDER BY sequenceNumber",
                (rs, n) -> new Key(rs.getString(1), rs.getString(2), rs.getLong(3), Instant.parse(rs.getString(4)),
                        rs.getString(5)), aggregateIdentifier);
    }

    /** Sequences further apart than this are read by separate reads of the stream. */
    private static final long RUN_GAP = 100;

    private void read(String aggregate, List<Long> sequences, Map<String, DomainEventMessage<?>> found) {
        Set<Long> wanted = new HashSet<>(sequences);
        long last = sequences.get(sequences.size() - 1);
        DomainEventStream stream = eventStore.readEvents(aggregate, sequences.get(0));
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (wanted.contains(event.getSequenceNumber())) {
                found.put(event.getIdentifier(), event);
            }
            if (event.getSequenceNumber() >= last) {
                break;
            }
        }
    }

    /** These events in full, in the order given: each aggregate's stream read from the first needed sequence only. */
    List<DomainEventMessage<?>> fetch(List<Key> wanted) {
        Map<String, TreeSet<Long>> needed = new LinkedHashMap<>();
        wanted.forEach(key -> needed.computeIfAbsent(key.aggregateIdentifier(), a -> new TreeSet<>()).add(key.sequenceNumber()));
        Map<String, DomainEventMessage<?>> found = new HashMap<>();
        needed.forEach((aggregate, sequences) -> {
            // runs of nearby sequences: the naming events at a stream's start and a page far down it are two reads
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
        List<DomainEventMessage<?>> events = new ArrayList<>(wanted.size());
        for (Key key : wanted) {
            DomainEventMessage<?> event = found.get(key.eventIdentifier());
            if (event == null) {
                throw new IllegalStateException("Event " + key.eventIdentifier() + " (" + key.aggregateIdentifier() + " #"
                        + key.sequenceNumber() + ") was listed but could not be read from the event store");
            }
            events.add(event);
        }
        return events;
    }
}

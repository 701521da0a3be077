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

    /** A page of a timeline that is the project's own stream alone: the events to read, which of them are the page's. */
    record StreamPage(List<Key> wanted, List<Integer> pagePositions, long total) {
    }

    private static final String KEY_COLUMNS = "SELECT eventIdentifier, aggregateIdentifier, sequenceNumber, timeStamp,"
            + " payloadType FROM DomainEventEntry WHERE aggregateIdentifier = ?";

    private static final org.springframework.jdbc.core.RowMapper<Key> KEY = (rs, n) -> new Key(rs.getString(1),
            rs.getString(2), rs.getLong(3), storedInstant(rs.getString(4)), rs.getString(5));

    /**
     * A stored timestamp as an instant: Axon's form {@code yyyy-MM-ddTHH:mm:ss.SSSZ} read field by field (a profile of
     * 10⁴ light rows showed {@link Instant#parse} taking 9 in 10 of their reading time), anything else by
     * {@link Instant#parse}; the same instant either way.
     */
    static Instant storedInstant(String stored) {
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

    /**
     * When the project's linked streams (funding, investment) hold no event, its timeline is its own stream in sequence
     * order: the page of the events of these types (none: all) is then read by the database through the stream's index,
     * with the events before it that name an organisation ({@code naming}) and the total from a count; what a page costs
     * no longer grows with the stream. Null when the timeline has other streams (then {@link #merged} orders it).
     */
    StreamPage streamPage(String projectId, List<TimelineSource> sources, TimelineFilter filter, Set<String> naming,
                          long offset, int size) {
        if (sources.isEmpty() || !"project".equals(sources.get(0).name()) || filter.actor() != null
                || filter.funder() != null || !storedForm(filter.from()) || !storedForm(filter.to())) {
            return null;
        }
        if (!alone(projectId, sources)) {
            return null;
        }
        List<Object> arguments = new ArrayList<>();
        arguments.add(projectId);
        Set<String> types = filter.types();
        String typeCondition = typeCondition(types, arguments) + periodCondition(filter.from(), filter.to(), arguments);
        boolean all = typeCondition.isEmpty();
        long total = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                + typeCondition, Long.class, arguments.toArray());
        if (total == 0 && (all || jdbc.queryForList("SELECT sequenceNumber FROM DomainEventEntry WHERE"
                + " aggregateIdentifier = ? FETCH FIRST 1 ROWS ONLY", Long.class, projectId).isEmpty())) {
            throw org.tremplin.shared.DomainException.notFound("No project " + projectId);
        }
        if (offset >= total) {
            return new StreamPage(List.of(), List.of(), total);
        }
        List<Key> page = null;
        if (all) {
            // a stream's sequence numbers are contiguous (then the n-th event is the first's sequence + n): a range read
            Long first = jdbc.queryForObject("SELECT sequenceNumber FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                    + " ORDER BY sequenceNumber FETCH FIRST 1 ROWS ONLY", Long.class, projectId);
            Long last = jdbc.queryForObject("SELECT sequenceNumber FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                    + " ORDER BY sequenceNumber DESC FETCH FIRST 1 ROWS ONLY", Long.class, projectId);
            if (first != null && last != null && last - first + 1 == total) {
                page = jdbc.query(KEY_COLUMNS + " AND sequenceNumber >= ? AND sequenceNumber < ? ORDER BY sequenceNumber",
                        KEY, projectId, first + offset, first + offset + size);
            }
        }
        if (page == null) {
            arguments.add(offset);
            arguments.add(size);
            page = jdbc.query(KEY_COLUMNS + typeCondition + " ORDER BY sequenceNumber OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                    KEY, arguments.toArray());
        }
        long lastOnPage = page.get(page.size() - 1).sequenceNumber();
        Map<Long, Key> wanted = new java.util.TreeMap<>();
        keysOfTypes(projectId, naming, lastOnPage).forEach(key -> wanted.put(key.sequenceNumber(), key));
        Set<Long> onPage = new HashSet<>();
        page.forEach(key -> {
            wanted.put(key.sequenceNumber(), key);
            onPage.add(key.sequenceNumber());
        });
        List<Key> ordered = new ArrayList<>(wanted.values());
        List<Integer> positions = new ArrayList<>();
        for (int j = 0; j < ordered.size(); j++) {
            if (onPage.contains(ordered.get(j).sequenceNumber())) {
                positions.add(j);
            }
        }
        return new StreamPage(ordered, positions, total);
    }

    /** Whether the project's timeline is its own stream alone: the sources' other streams hold no event. */
    private boolean alone(String projectId, List<TimelineSource> sources) {
        if (sources.isEmpty() || !"project".equals(sources.get(0).name())) {
            return false;
        }
        Function<Set<Class<?>>, List<? extends DomainEventMessage<?>>> linking = linkingTypes -> {
            Set<String> names = new TreeSet<>();
            linkingTypes.forEach(type -> names.add(type.getName()));
            return fetch(keysOfTypes(projectId, names, Long.MAX_VALUE));
        };
        for (int i = 0; i < sources.size(); i++) {
            List<String> aggregates = sources.get(i).aggregatesOf(projectId, linking);
            if (aggregates == null || (i == 0 && !aggregates.equals(List.of(projectId)))) {
                return false;
            }
            for (String aggregate : i == 0 ? List.<String>of() : aggregates) {
                if (!jdbc.queryForList("SELECT sequenceNumber FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                        + " ORDER BY sequenceNumber FETCH FIRST 1 ROWS ONLY", Long.class, aggregate).isEmpty()) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * What {@code ProjectHistoryService.overview} needs of a timeline that is the project's own stream alone: its stored
     * types, the keys of its funding events ({@code funding} tells a stored type), how many events came before the
     * instant and, for the last of them (at that position in sequence order), the keys to read: the events before it
     * that name an organisation, then it. Null when the timeline has other streams.
     */
    record StreamOverview(List<String> payloadTypes, List<Key> funding, long before, List<Key> lastWanted) {
    }

    StreamOverview streamOverview(String projectId, List<TimelineSource> sources, Instant asOfEnd, Set<String> naming,
                                  java.util.function.Predicate<String> funding) {
        if (!storedForm(asOfEnd) || !alone(projectId, sources)) {
            return null;
        }
        List<String> payloadTypes = jdbc.queryForList("SELECT DISTINCT payloadType FROM DomainEventEntry"
                + " WHERE aggregateIdentifier = ?", String.class, projectId);
        if (payloadTypes.isEmpty()) {
            throw org.tremplin.shared.DomainException.notFound("No project " + projectId);
        }
        Set<String> fundingTypes = new TreeSet<>();
        payloadTypes.stream().filter(funding).forEach(fundingTypes::add);
        List<Key> fundingKeys = keysOfTypes(projectId, fundingTypes, Long.MAX_VALUE);
        long before = 0;
        List<Key> lastWanted = List.of();
        if (asOfEnd != null) {
            List<Object> arguments = new ArrayList<>();
            arguments.add(projectId);
            String period = periodCondition(null, asOfEnd, arguments);
            before = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?" + period,
                    Long.class, arguments.toArray());
            if (before > 0) {
                // the timeline is taken to be in time order: the last event before the instant is the before-th
                Key last = jdbc.query(KEY_COLUMNS + " ORDER BY sequenceNumber OFFSET ? ROWS FETCH NEXT 1 ROWS ONLY", KEY,
                        projectId, before - 1).get(0);
                List<Key> wanted = new ArrayList<>(keysOfTypes(projectId, naming, last.sequenceNumber() - 1));
                wanted.add(last);
                lastWanted = wanted;
            }
        }
        return new StreamOverview(payloadTypes, fundingKeys, before, lastWanted);
    }

    /**
     * Whether an instant's stored form (Axon's fixed-width {@code yyyy-MM-ddTHH:mm:ss.SSSZ}) orders as the instant:
     * years 0 to 9999 (null, no bound, too).
     */
    private static final Instant FIRST_STORED = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LAST_STORED = Instant.parse("9999-12-31T23:59:59Z");

    private static boolean storedForm(Instant bound) {
        return bound == null || (!bound.isBefore(FIRST_STORED) && bound.isBefore(LAST_STORED));
    }

    /**
     * The SQL for a period on the stored timestamps (Axon's fixed-width UTC form, at the millisecond, which orders as
     * text as in time): an event at t (whole milliseconds) is kept when t >= from and t < to, that is t >= from and
     * t < to each rounded up to the millisecond.
     */
    private static String periodCondition(Instant from, Instant to, List<Object> arguments) {
        StringBuilder condition = new StringBuilder();
        if (from != null) {
            condition.append(" AND timeStamp >= ?");
            arguments.add(org.axonframework.common.DateTimeUtils.formatInstant(upToMillisecond(from)));
        }
        if (to != null) {
            condition.append(" AND timeStamp < ?");
            arguments.add(org.axonframework.common.DateTimeUtils.formatInstant(upToMillisecond(to)));
        }
        return condition.toString();
    }

    private static Instant upToMillisecond(Instant instant) {
        Instant truncated = instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        return truncated.equals(instant) ? instant : truncated.plusMillis(1);
    }

    /** The keys of the aggregate's events of these stored types up to that sequence (inclusive), in sequence order. */
    private List<Key> keysOfTypes(String aggregate, Set<String> payloadTypes, long throughSequence) {
        if (payloadTypes.isEmpty()) {
            return List.of();
        }
        List<Object> arguments = new ArrayList<>();
        arguments.add(aggregate);
        arguments.addAll(payloadTypes);
        arguments.add(throughSequence);
        return jdbc.query(KEY_COLUMNS + " AND payloadType IN (" + String.join(", ", java.util.Collections.nCopies(
                payloadTypes.size(), "?")) + ") AND sequenceNumber <= ? ORDER BY sequenceNumber", KEY, arguments.toArray());
    }

    /**
     * The SQL for {@link TimelineFilter}'s types on the stored type (simple or qualified name, as
     * {@code ProjectHistoryService} derives the simple one), its arguments added; empty for no types.
     */
    static String typeCondition(Set<String> types, List<Object> arguments) {
        if (types.isEmpty()) {
            return "";
        }
        List<String> alternatives = new ArrayList<>();
        for (String type : new TreeSet<>(types)) {
            alternatives.add("payloadType = ?");
            arguments.add(type);
            if (!type.isEmpty() && type.indexOf('.') < 0 && type.indexOf('$') < 0) {
                String escaped = type.replace("!", "!!").replace("%", "!%").replace("_", "!_");
                alternatives.add("payloadType LIKE ? ESCAPE '!'");
                arguments.add("%." + escaped);
                alternatives.add("payloadType LIKE ? ESCAPE '!'");
                arguments.add("%$" + escaped);
            }
        }
        return " AND (" + String.join(" OR ", alternatives) + ")";
    }

    /** The stored keys of one aggregate, in sequence order. */
    private List<Key> keys(String aggregateIdentifier) {
        return jdbc.query(KEY_COLUMNS + " ORDER BY sequenceNumber", KEY, aggregateIdentifier);
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

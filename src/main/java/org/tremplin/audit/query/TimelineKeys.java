package org.tremplin.audit.query;

import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tremplin.platform.query.ScratchDatabases;
import org.tremplin.platform.query.StoredEvents;

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
 * few of them, exactly their rows ({@link StoredEvents#load}: upcast and deserialized by Axon as usual). A page of a timeline of 10⁴ events
 * then reads one light row per event and only the page's events in full.
 */
@Component
class TimelineKeys {

    /** One stored event, without its payload and metadata. */
    record Key(String eventIdentifier, String aggregateIdentifier, long sequenceNumber, Instant timestamp,
               String payloadType) {
    }

    private final JdbcTemplate jdbc;
    private final StoredEvents storedEvents;

    TimelineKeys(JdbcTemplate jdbc, StoredEvents storedEvents) {
        this.jdbc = jdbc;
        this.storedEvents = storedEvents;
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
     * A stored timestamp as an instant, Axon's fixed-width form read field by field (a profile of 10⁴ light rows showed
     * {@link Instant#parse} taking 9 in 10 of their reading time); see {@link StoredEvents#storedInstant}.
     */
    static Instant storedInstant(String stored) {
        return StoredEvents.storedInstant(stored);
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
        List<String> streams = streams(projectId, sources);
        if (streams == null) {
            return null;
        }
        if (streams.size() > 1 && hasEvents(streams.subList(1, streams.size()))) {
            return mergedPage(projectId, streams, filter, naming, offset, size);
        }
        return alonePage(projectId, filter, naming, offset, size);
    }

    /** {@link #streamPage} of a timeline that is the project's own stream alone. */
    private StreamPage alonePage(String projectId, TimelineFilter filter, Set<String> naming, long offset, int size) {
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

    /**
     * The aggregates whose streams make the project's timeline, each once, in rank order: the sources' in their order,
     * each source's in the order it puts them together (the project's own stream first). Null when a source cannot
     * name its aggregates. Cheap: the funding source reads the few project events that link its streams (by type,
     * through an index), the investment source asks its read model.
     */
    List<String> streams(String projectId, List<TimelineSource> sources) {
        if (sources.isEmpty() || !"project".equals(sources.get(0).name())) {
            return null;
        }
        Function<Set<Class<?>>, List<? extends DomainEventMessage<?>>> linking = linkingTypes -> {
            Set<String> names = new TreeSet<>();
            linkingTypes.forEach(type -> names.add(type.getName()));
            return fetch(keysOfTypes(projectId, names, Long.MAX_VALUE));
        };
        java.util.LinkedHashSet<String> streams = new java.util.LinkedHashSet<>();
        for (int i = 0; i < sources.size(); i++) {
            List<String> aggregates = sources.get(i).aggregatesOf(projectId, linking);
            if (aggregates == null || (i == 0 && !aggregates.equals(List.of(projectId)))) {
                return null;
            }
            streams.addAll(aggregates);
        }
        return List.copyOf(streams);
    }

    /** Whether any of these streams holds an event (one indexed read). */
    private boolean hasEvents(List<String> aggregates) {
        return !jdbc.queryForList("SELECT sequenceNumber FROM DomainEventEntry WHERE aggregateIdentifier IN ("
                + marks(aggregates.size()) + ") FETCH FIRST 1 ROWS ONLY", Long.class, aggregates.toArray()).isEmpty();
    }

    private static String marks(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    /**
     * The SQL that orders a merged timeline's rows as {@link ProjectHistoryService#merge} orders their events: by time
     * (the stored fixed-width form orders as text as in time), then by the stream's rank, then by sequence. Its
     * arguments (the streams, in rank order) are added.
     */
    private static String mergedOrder(List<String> streams, List<Object> arguments) {
        StringBuilder rank = new StringBuilder(" ORDER BY timeStamp, CASE aggregateIdentifier");
        for (int i = 0; i < streams.size(); i++) {
            rank.append(" WHEN ? THEN ").append(i);
            arguments.add(streams.get(i));
        }
        return rank.append(" END, sequenceNumber").toString();
    }

    /** The same order on keys (for the few keys of a page and the naming events before it). */
    private static Comparator<Key> mergedOrder(List<String> streams) {
        Map<String, Integer> ranks = new HashMap<>();
        for (int i = 0; i < streams.size(); i++) {
            ranks.putIfAbsent(streams.get(i), i);
        }
        return Comparator.comparing(Key::timestamp).thenComparing(key -> ranks.get(key.aggregateIdentifier()))
                .thenComparingLong(Key::sequenceNumber);
    }

    /**
     * Whether every row of these streams holds its time in Axon's fixed-width form (then the text order is the time
     * order); the rows' count with it. Read from the (stream, time, sequence) index alone.
     */
    private long[] countAndOddTimes(List<String> streams) {
        return jdbc.queryForObject("SELECT COUNT(*), COUNT(CASE WHEN LENGTH(timeStamp) <> 24 THEN 1 END) FROM"
                        + " DomainEventEntry WHERE aggregateIdentifier IN (" + marks(streams.size()) + ")",
                (rs, n) -> new long[]{rs.getLong(1), rs.getLong(2)}, streams.toArray());
    }

    /**
     * A page of a timeline merged from several streams, read by the database: the page's (stream, sequence) pairs in
     * the merged order through the (stream, time, sequence) index ({@code V25}: no event row read), then the keys of
     * those rows and of the organisation-naming events before them. Null when a stored time is not in the fixed-width
     * form (then {@link #merged} orders the keys in Java).
     */
    private StreamPage mergedPage(String projectId, List<String> streams, TimelineFilter filter, Set<String> naming,
                                  long offset, int size) {
        // the whole timeline's order, kept while no stream has grown; filtered as the events' entries are
        MergedOrder order = mergedOrder(projectId, streams);
        if (order == null) {
            return null;
        }
        List<Map.Entry<String, Long>> kept = new ArrayList<>();
        boolean all = filter.types().isEmpty() && filter.from() == null && filter.to() == null;
        for (OrderedRow row : order.rows()) {
            if (all || filter.keeps(row.time(), ProjectHistoryService.simpleType(row.payloadType()), row.payloadType(),
                    () -> null, () -> null)) {
                kept.add(row.row());
            }
        }
        long total = kept.size();
        List<Map.Entry<String, Long>> rows = offset >= total ? List.of()
                : kept.subList((int) offset, (int) Math.min(total, offset + size));
        if (rows.isEmpty()) {
            return new StreamPage(List.of(), List.of(), total);
        }
        List<Key> page = keysAt(rows);
        Comparator<Key> inOrder = mergedOrder(streams);
        Key lastOnPage = page.get(page.size() - 1);
        List<Key> wanted = new ArrayList<>(page);
        Set<String> onPage = new HashSet<>();
        page.forEach(key -> onPage.add(key.eventIdentifier()));
        namingKeys(streams, naming).forEach(key -> {
            if (!onPage.contains(key.eventIdentifier()) && inOrder.compare(key, lastOnPage) < 0) {
                wanted.add(key);
            }
        });
        wanted.sort(inOrder);
        List<Integer> positions = new ArrayList<>();
        for (int j = 0; j < wanted.size(); j++) {
            if (onPage.contains(wanted.get(j).eventIdentifier())) {
                positions.add(j);
            }
        }
        return new StreamPage(wanted, positions, total);
    }

    /**
     * A merged timeline's (stream, sequence) pairs in order, with the streams and each stream's last sequence when they
     * were read: a stored event never changes and a stream's sequences are contiguous, so while the streams and their
     * last sequences are the same, so are the rows and their order.
     */
    private record MergedOrder(List<String> streams, Map<String, Long> lastSequences, List<OrderedRow> rows) {
    }

    /** A row of a merged timeline: its (stream, sequence), time and stored type, read from the index. */
    private record OrderedRow(Map.Entry<String, Long> row, Instant time, String payloadType) {
    }

    private static final int ORDERS_KEPT = 64;

    private final Map<String, MergedOrder> orders = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The whole merged timeline's rows in order: kept by project, checked against each stream's last sequence (one
     * index entry per stream), read again (one ordered query from the index) when a stream grew. Null when a stored
     * time is not in the fixed-width form.
     */
    private MergedOrder mergedOrder(String projectId, List<String> streams) {
        Map<String, Long> last = new HashMap<>();
        for (String stream : streams) {
            // the last entry of the (stream, sequence) index, read backwards: one entry (H2 answers MAX(sequenceNumber)
            // WHERE aggregateIdentifier = ? by scanning every entry of the stream: 10⁴ a page for the long project)
            jdbc.queryForList("SELECT sequenceNumber FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                            + " ORDER BY aggregateIdentifier DESC, sequenceNumber DESC FETCH FIRST 1 ROWS ONLY", Long.class, stream)
                    .stream().findFirst().ifPresent(sequence -> last.put(stream, sequence));
        }
        MergedOrder kept = orders.get(projectId);
        if (kept != null && kept.streams().equals(streams) && kept.lastSequences().equals(last)) {
            return kept;
        }
        if (countAndOddTimes(streams)[1] > 0) {
            return null;
        }
        List<Object> arguments = new ArrayList<>(streams);
        String order = mergedOrder(streams, arguments);
        Map<String, String> shared = new HashMap<>(); // one string per stream and per type, not one per row
        List<OrderedRow> rows = jdbc.query("SELECT aggregateIdentifier, sequenceNumber, timeStamp, payloadType"
                        + " FROM DomainEventEntry WHERE aggregateIdentifier IN (" + marks(streams.size()) + ")" + order,
                (rs, n) -> new OrderedRow(Map.entry(shared.computeIfAbsent(rs.getString(1), k -> k), rs.getLong(2)),
                        storedInstant(rs.getString(3)), shared.computeIfAbsent(rs.getString(4), k -> k)),
                arguments.toArray());
        // the rows read may hold events stored after the last sequences were read: then the next page reads them again
        MergedOrder fresh = new MergedOrder(List.copyOf(streams), Map.copyOf(last), List.copyOf(rows));
        if (orders.size() >= ORDERS_KEPT) {
            orders.clear();
        }
        orders.put(projectId, fresh);
        return fresh;
    }

    /** The keys of these (stream, sequence) rows, in the order given: one indexed read per stream. */
    private List<Key> keysAt(List<Map.Entry<String, Long>> rows) {
        Map<String, List<Long>> byStream = new LinkedHashMap<>();
        rows.forEach(row -> byStream.computeIfAbsent(row.getKey(), a -> new ArrayList<>()).add(row.getValue()));
        Map<String, Key> found = new HashMap<>();
        byStream.forEach((stream, sequences) -> {
            List<Object> arguments = new ArrayList<>();
            arguments.add(stream);
            arguments.addAll(sequences);
            jdbc.query(KEY_COLUMNS + " AND sequenceNumber IN (" + marks(sequences.size()) + ")", KEY, arguments.toArray())
                    .forEach(key -> found.put(key.aggregateIdentifier() + "#" + key.sequenceNumber(), key));
        });
        List<Key> keys = new ArrayList<>(rows.size());
        for (Map.Entry<String, Long> row : rows) {
            Key key = found.get(row.getKey() + "#" + row.getValue());
            if (key == null) {
                throw new IllegalStateException("Event " + row.getKey() + " #" + row.getValue() + " was listed but could"
                        + " not be read again");
            }
            keys.add(key);
        }
        return keys;
    }

    /** The keys of the events of these stored types in these streams (through the (stream, type, sequence) index). */
    private List<Key> namingKeys(List<String> streams, Set<String> payloadTypes) {
        if (payloadTypes.isEmpty()) {
            return List.of();
        }
        List<Object> arguments = new ArrayList<>(streams);
        arguments.addAll(payloadTypes);
        return jdbc.query("SELECT eventIdentifier, aggregateIdentifier, sequenceNumber, timeStamp, payloadType"
                + " FROM DomainEventEntry WHERE aggregateIdentifier IN (" + marks(streams.size()) + ") AND payloadType IN ("
                + marks(payloadTypes.size()) + ")", KEY, arguments.toArray());
    }

    /**
     * What {@code ProjectHistoryService.overview} needs of a timeline: its stored types, the funders its funding events
     * name ({@code funding} tells a stored type; {@code funderOf} reads an event's), how many events came before the
     * instant and, for the last of them, the keys to read: the events before it that name an organisation, then it.
     * Null when a source cannot name its aggregates or a stored time is not in the fixed-width form.
     */
    record StreamOverview(List<String> payloadTypes, Set<String> funders, long before, List<Key> lastWanted) {
    }

    StreamOverview streamOverview(String projectId, List<TimelineSource> sources, Instant asOfEnd, Set<String> naming,
                                  java.util.function.Predicate<String> funding,
                                  Function<DomainEventMessage<?>, String> funderOf) {
        if (!storedForm(asOfEnd)) {
            return null;
        }
        List<String> streams = streams(projectId, sources);
        if (streams == null) {
            return null;
        }
        boolean merged = streams.size() > 1 && hasEvents(streams.subList(1, streams.size()));
        if (!merged) {
            streams = List.of(projectId);
        } else if (countAndOddTimes(streams)[1] > 0) {
            return null;
        }
        // each stream's stored types with its last sequence of that type, from the (stream, type, sequence) index
        Map<String, Map<String, Long>> typesByStream = new LinkedHashMap<>();
        jdbc.query("SELECT aggregateIdentifier, payloadType, MAX(sequenceNumber) FROM DomainEventEntry"
                + " WHERE aggregateIdentifier IN (" + marks(streams.size()) + ") GROUP BY aggregateIdentifier, payloadType", rs -> {
            typesByStream.computeIfAbsent(rs.getString(1), a -> new HashMap<>()).put(rs.getString(2), rs.getLong(3));
        }, streams.toArray());
        if (typesByStream.isEmpty()) {
            throw org.tremplin.shared.DomainException.notFound("No project " + projectId);
        }
        Set<String> payloadTypes = new TreeSet<>();
        typesByStream.values().forEach(types -> payloadTypes.addAll(types.keySet()));
        Set<String> funders = new TreeSet<>();
        typesByStream.forEach((stream, types) -> funders.addAll(fundersOf(stream, types, funding, funderOf)));
        long before = 0;
        List<Key> lastWanted = List.of();
        if (asOfEnd != null) {
            List<Object> arguments = new ArrayList<>(streams);
            String where = " FROM DomainEventEntry WHERE aggregateIdentifier IN (" + marks(streams.size()) + ")"
                    + periodCondition(null, asOfEnd, arguments);
            before = jdbc.queryForObject("SELECT COUNT(*)" + where, Long.class, arguments.toArray());
            if (before > 0) {
                // the timeline is in time order: the last event before the instant is the before-th
                Key last;
                if (merged) {
                    arguments = new ArrayList<>(streams);
                    String order = mergedOrder(streams, arguments);
                    arguments.add(before - 1);
                    last = keysAt(jdbc.query("SELECT aggregateIdentifier, sequenceNumber FROM DomainEventEntry"
                                    + " WHERE aggregateIdentifier IN (" + marks(streams.size()) + ")" + order
                                    + " OFFSET ? ROWS FETCH NEXT 1 ROWS ONLY",
                            (rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)), arguments.toArray())).get(0);
                } else {
                    last = jdbc.query(KEY_COLUMNS + " ORDER BY sequenceNumber OFFSET ? ROWS FETCH NEXT 1 ROWS ONLY", KEY,
                            projectId, before - 1).get(0);
                }
                Comparator<Key> inOrder = merged ? mergedOrder(streams) : Comparator.comparingLong(Key::sequenceNumber);
                List<Key> wanted = new ArrayList<>();
                for (Key key : namingKeys(streams, naming)) {
                    if (!key.eventIdentifier().equals(last.eventIdentifier()) && inOrder.compare(key, last) < 0) {
                        wanted.add(key);
                    }
                }
                wanted.sort(inOrder);
                wanted.add(last);
                lastWanted = wanted;
            }
        }
        return new StreamOverview(List.copyOf(payloadTypes), funders, before, lastWanted);
    }

    /** The funders named by a stream's funding events, up to a sequence: events never change once stored. */
    private record Funders(long throughSequence, Set<String> funders) {
    }

    private static final int FUNDERS_CACHED = 10_000;

    private final Map<String, Funders> fundersCache = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The funders a stream's funding events name: kept per stream with the last sequence read (a stored event never
     * changes, a stream only grows), so that only the funding events stored since are read and deserialized.
     */
    private Set<String> fundersOf(String stream, Map<String, Long> lastSequenceByType,
                                  java.util.function.Predicate<String> funding,
                                  Function<DomainEventMessage<?>, String> funderOf) {
        Set<String> fundingTypes = new TreeSet<>();
        long through = -1;
        for (Map.Entry<String, Long> type : lastSequenceByType.entrySet()) {
            if (funding.test(type.getKey())) {
                fundingTypes.add(type.getKey());
                through = Math.max(through, type.getValue());
            }
        }
        if (fundingTypes.isEmpty()) {
            return Set.of();
        }
        Funders known = fundersCache.get(stream);
        if (known != null && known.throughSequence() >= through) {
            return known.funders();
        }
        long after = known == null ? -1 : known.throughSequence();
        Set<String> funders = new TreeSet<>(known == null ? Set.of() : known.funders());
        List<Object> arguments = new ArrayList<>();
        arguments.add(stream);
        arguments.addAll(fundingTypes);
        arguments.add(after);
        arguments.add(through);
        List<Key> keys = jdbc.query(KEY_COLUMNS + " AND payloadType IN (" + marks(fundingTypes.size())
                + ") AND sequenceNumber > ? AND sequenceNumber <= ? ORDER BY sequenceNumber", KEY, arguments.toArray());
        fetch(keys).forEach(event -> {
            String funder = funderOf.apply(event);
            if (funder != null) {
                funders.add(funder);
            }
        });
        Set<String> kept = java.util.Collections.unmodifiableSet(funders);
        if (fundersCache.size() >= FUNDERS_CACHED) {
            fundersCache.clear();
        }
        fundersCache.put(stream, new Funders(through, kept));
        return kept;
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

    /**
     * These events in full, in the order given: exactly their rows, read by {@link StoredEvents#load} (upcast and
     * deserialized by Axon as the event store does), not the streams' batches of 100 from their first needed sequence.
     */
    List<DomainEventMessage<?>> fetch(List<Key> wanted) {
        List<ScratchDatabases.Step> steps = new ArrayList<>(wanted.size());
        wanted.forEach(key -> steps.add(new ScratchDatabases.Step(key.aggregateIdentifier(), key.sequenceNumber(), 0)));
        List<DomainEventMessage<?>> events = storedEvents.load(steps);
        for (int i = 0; i < events.size(); i++) {
            if (!events.get(i).getIdentifier().equals(wanted.get(i).eventIdentifier())) {
                throw new IllegalStateException("Event " + wanted.get(i).eventIdentifier() + " (" + wanted.get(i)
                        .aggregateIdentifier() + " #" + wanted.get(i).sequenceNumber() + ") was listed but "
                        + events.get(i).getIdentifier() + " is stored there");
            }
        }
        return events;
    }
}

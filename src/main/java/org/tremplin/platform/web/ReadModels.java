package org.tremplin.platform.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.GenericTokenEntry;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.tremplin.platform.config.CommittedEvents;
import org.tremplin.platform.config.ProcessorProgress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Read-your-writes for API callers, on any node: a write endpoint answers once every tracking processor has
 * processed <em>the events this request committed</em>, so that the caller's next read, on this node or another one
 * sharing the database, sees the write.
 *
 * <p>The request's events are known by identifier ({@link CommittedEvents}, recorded after each commit) and located
 * by their global index; the processors waited for are those with a handler for one of their payload types. A
 * processor has processed an index when its token <em>covers</em> it: at or below the token's position and not one
 * of its gaps (with concurrent writers, an index below the position can still be a gap:
 * a transaction that committed later). A segment claimed by this node is read from the processor's status in
 * memory; a segment owned by another node (or by nobody yet) is read from Axon's token table, whose row commits with
 * the read-model rows it covers.
 *
 * <p>The wait is bounded ({@code tremplin.read-your-writes.max-wait}, 2 s): when it runs out, or a local processor is
 * in error, the answer carries {@value #HEADER}: {@value #PENDING}, meaning the write is stored but the read models
 * may not show it yet. A processor in error because the database was out of reach is waited for like the others:
 * the request's own commit shows the database is back, and wakes it.
 */
@Component
public class ReadModels {

    /** Response header of a write whose events the read models had not all processed when it answered. */
    public static final String HEADER = "Tremplin-Read-Your-Writes";
    public static final String PENDING = "pending";

    private static final Logger log = LoggerFactory.getLogger(ReadModels.class);
    /**
     * The longest a waiting write sleeps between two looks at the local processors when none reports a change: each
     * tracking processor wakes the waiters when it moves ({@link ProcessorProgress}), so this only bounds what a
     * processor that does not report (another kind than Axon's tracking processor) would cost.
     */
    private static final long LOCAL_LOOK_NANOS = 2_000_000;
    private static final EventSchema EVENTS = new EventSchema();
    private static final TokenSchema TOKENS = TokenSchema.builder().build();

    private final EventProcessingConfiguration processing;
    private final ProcessorProgress progress;
    private final JdbcTemplate jdbc;
    private final Duration maxWait;
    private final Duration tokenPollInterval;
    /** Segments of each processor as last seen in the token table (they change only on a split or merge). */
    private final Map<String, Set<Integer>> knownSegments = new ConcurrentHashMap<>();
    /**
     * Per payload type, the streaming processors with a handler for it: the handlers are fixed once the processors
     * are configured. Asking every processor's handlers again cost each write about 13 us (a loop over the
     * application's processors, session 32); flight recordings had put it at 1-5 % of the request threads' samples.
     */
    private final Map<Class<?>, List<StreamingEventProcessor>> processorsByType = new ConcurrentHashMap<>();
    private final Timer visibleWaits;
    private final Timer pendingWaits;

    public ReadModels(EventProcessingConfiguration processing, ProcessorProgress progress, JdbcTemplate jdbc,
                      MeterRegistry registry,
                      @Value("${tremplin.read-your-writes.max-wait:PT2S}") Duration maxWait,
                      @Value("${tremplin.read-your-writes.token-poll-interval:PT0.01S}") Duration tokenPollInterval) {
        this.processing = processing;
        this.progress = progress;
        this.jdbc = jdbc;
        this.maxWait = maxWait;
        this.tokenPollInterval = tokenPollInterval;
        this.visibleWaits = waits(registry, "visible");
        this.pendingWaits = waits(registry, "pending");
    }

    private static Timer waits(MeterRegistry registry, String outcome) {
        return Timer.builder("tremplin.read.your.writes")
                .description("How long a write waited for the read models to process its events, by outcome")
                .tag("outcome", outcome).register(registry);
    }

    /**
     * Waits until the read models cover the events committed so far by the current request; when they do not within
     * the bound, marks the response {@value #HEADER}: {@value #PENDING}.
     *
     * @return whether the write is visible in every read model
     */
    public boolean catchUp() {
        List<CommittedEvents.Committed> committed = CommittedEvents.takeForCurrentRequest();
        if (committed.isEmpty()) {
            return true;
        }
        long started = System.nanoTime();
        SortedSet<Long> indexes = globalIndexes(committed);
        Outcome outcome = awaitCovered(indexes, processorsToWaitFor(committed), started + maxWait.toNanos());
        (outcome.visible() ? visibleWaits : pendingWaits).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        if (outcome.visible()) {
            return true;
        }
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getResponse() != null) {
            attributes.getResponse().setHeader(HEADER, PENDING);
        }
        log.warn("Write answered before the read models processed it (events at {}; after {} ms: {})", indexes,
                (System.nanoTime() - started) / 1_000_000, outcome.reason());
        return false;
    }

    private record Outcome(boolean visible, String reason) {
    }

    /**
     * The global indexes of the committed events: as the event store's insert reported them, else looked up by the
     * events' identifiers.
     */
    private SortedSet<Long> globalIndexes(List<CommittedEvents.Committed> committed) {
        SortedSet<Long> indexes = new TreeSet<>();
        List<String> identifiers = new ArrayList<>();
        for (CommittedEvents.Committed event : committed) {
            if (event.indexKnown()) {
                indexes.add(event.globalIndex());
            } else {
                identifiers.add(event.identifier());
            }
        }
        for (int from = 0; from < identifiers.size(); from += 500) {
            List<String> chunk = identifiers.subList(from, Math.min(identifiers.size(), from + 500));
            String sql = "SELECT " + EVENTS.globalIndexColumn() + " FROM " + EVENTS.domainEventTable() + " WHERE "
                    + EVENTS.eventIdentifierColumn() + " IN (" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")";
            indexes.addAll(jdbc.queryForList(sql, Long.class, chunk.toArray()));
        }
        return indexes;
    }

    /**
     * The streaming processors with a handler for at least one of the events, each once, but for an event its step
     * applied already in its own transaction (decision 11): those groups' models hold it since the commit.
     */
    private List<StreamingEventProcessor> processorsToWaitFor(List<CommittedEvents.Committed> committed) {
        if (committed.stream().allMatch(event -> event.inStep().isEmpty())) {
            return processorsHandling(committed.stream().map(CommittedEvents.Committed::payloadType).collect(Collectors.toSet()));
        }
        Set<StreamingEventProcessor> processors = new LinkedHashSet<>();
        for (CommittedEvents.Committed event : committed) {
            for (StreamingEventProcessor processor : processorsHandling(Set.of(event.payloadType()))) {
                if (!event.inStep().contains(processor.getName())) {
                    processors.add(processor);
                }
            }
        }
        return List.copyOf(processors);
    }

    private Outcome awaitCovered(SortedSet<Long> indexes, List<StreamingEventProcessor> processors, long deadline) {
        if (indexes.isEmpty() || processors.isEmpty()) {
            return new Outcome(true, "");
        }
        Map<String, Map<Integer, TrackingToken>> stored = Map.of();
        long nextStoredRead = System.nanoTime();
        while (true) {
            // read before the processors are looked at: a change reported after this makes the wait below return
            long changesSeen = progress.changes();
            List<String> waitingFor = new ArrayList<>();
            Set<String> needStored = new TreeSet<>();
            for (StreamingEventProcessor processor : processors) {
                Map<Integer, EventTrackerStatus> local = processor.processingStatus();
                Map<Integer, TrackingToken> storedTokens = stored.getOrDefault(processor.getName(), Map.of());
                Set<Integer> known = knownSegments.get(processor.getName());
                if (known == null) {
                    // Not read from the token table yet: the segments claimed here may not be all of them.
                    needStored.add(processor.getName());
                    waitingFor.add(processor.getName() + " (segments not read yet)");
                    continue;
                }
                Set<Integer> segments = new TreeSet<>(known);
                segments.addAll(local.keySet());
                if (segments.isEmpty()) {
                    needStored.add(processor.getName());
                    waitingFor.add(processor.getName() + " (no segment known)");
                    continue;
                }
                for (int segment : segments) {
                    EventTrackerStatus status = local.get(segment);
                    if (status != null && coversAll(status.getTrackingToken(), indexes)
                            || coversAll(storedTokens.get(segment), indexes)) {
                        continue;
                    }
                    if (status != null && status.isErrorState() && !resumesNow(status)) {
                        return new Outcome(false, processor.getName() + " segment " + segment + " is in error: "
                                + (status.getError() == null ? "?" : status.getError().getMessage()));
                    }
                    if (status == null) {
                        needStored.add(processor.getName());
                    }
                    waitingFor.add(processor.getName() + "/" + segment + (status == null ? " (another node)" : ""));
                }
            }
            if (waitingFor.isEmpty()) {
                return new Outcome(true, "");
            }
            long now = System.nanoTime();
            if (now >= deadline) {
                return new Outcome(false, "waiting for " + waitingFor);
            }
            if (!needStored.isEmpty() && now >= nextStoredRead) {
                stored = storedTokens(needStored);
                nextStoredRead = System.nanoTime() + tokenPollInterval.toNanos();
                continue;
            }
            long sleep = Math.min(LOCAL_LOOK_NANOS, deadline - now);
            if (!needStored.isEmpty()) {
                sleep = Math.min(sleep, nextStoredRead - now);
            }
            progress.awaitChangeAfter(changesSeen, sleep);
            if (Thread.currentThread().isInterrupted()) {
                return new Outcome(false, "interrupted");
            }
        }
    }

    /**
     * Whether a segment in error resumes now that this request committed: it failed because the database was out of
     * reach, and a commit wakes such a processor at once (ResumingTrackingProcessor), so the write waits for it as for
     * any other. A segment in error for another reason is not waited for.
     */
    private static boolean resumesNow(EventTrackerStatus status) {
        return status.getError() != null && DatabaseOutOfReach.of(status.getError()) != null;
    }

    /**
     * The committed tokens of these processors, read straight from Axon's token table (fetching them through the
     * token store would claim them): the rows are deserialized as the JDBC token store does, with its serializer.
     */
    private Map<String, Map<Integer, TrackingToken>> storedTokens(Set<String> processorNames) {
        Map<String, Serializer> serializers = new HashMap<>();
        for (String name : processorNames) {
            TokenStore store = org.tremplin.platform.config.InStepTokenStore.database(processing.tokenStore(name));
            if (store instanceof JdbcTokenStore jdbcStore) {
                serializers.put(name, jdbcStore.serializer());
            }
        }
        if (serializers.isEmpty()) {
            return Map.of();
        }
        String sql = "SELECT " + TOKENS.processorNameColumn() + ", " + TOKENS.segmentColumn() + ", " + TOKENS.tokenColumn()
                + ", " + TOKENS.tokenTypeColumn() + " FROM " + TOKENS.tokenTable() + " WHERE " + TOKENS.processorNameColumn()
                + " IN (" + String.join(", ", Collections.nCopies(serializers.size(), "?")) + ")";
        Map<String, Map<Integer, TrackingToken>> tokens = new HashMap<>();
        jdbc.query(sql, rs -> {
            String name = rs.getString(1);
            int segment = rs.getInt(2);
            byte[] token = rs.getBytes(3);
            String type = rs.getString(4);
            TrackingToken deserialized = token == null || type == null ? null
                    : new GenericTokenEntry<>(token, type, null, null, name, segment, byte[].class).getToken(serializers.get(name));
            tokens.computeIfAbsent(name, n -> new HashMap<>()).put(segment, deserialized);
        }, serializers.keySet().toArray());
        for (String name : serializers.keySet()) {
            Map<Integer, TrackingToken> segments = tokens.getOrDefault(name, Map.of());
            knownSegments.put(name, Set.copyOf(segments.keySet()));
        }
        return tokens;
    }

    /** The streaming processors with a handler for at least one of these payload types, each once. */
    private List<StreamingEventProcessor> processorsHandling(Set<Class<?>> payloadTypes) {
        if (payloadTypes.size() == 1) {
            return processorsByType.computeIfAbsent(payloadTypes.iterator().next(), this::findProcessorsHandling);
        }
        Set<StreamingEventProcessor> processors = new LinkedHashSet<>();
        for (Class<?> payloadType : payloadTypes) {
            processors.addAll(processorsByType.computeIfAbsent(payloadType, this::findProcessorsHandling));
        }
        return List.copyOf(processors);
    }

    /** Asks every streaming processor's handlers; {@link #processorsByType} keeps the answer. */
    private List<StreamingEventProcessor> findProcessorsHandling(Class<?> payloadType) {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                .filter(processor -> handles(processor, payloadType)).toList();
    }

    /**
     * Whether the processor has a handler for this payload type. A processor without one changes nothing for
     * such events; it also stores its token past such events only once its batch wait ends (up to a second), which a node
     * reading tokens from the table would otherwise wait for.
     */
    private static boolean handles(StreamingEventProcessor processor, Class<?> payloadType) {
        if (processor instanceof AbstractEventProcessor eventProcessor) {
            EventHandlerInvoker invoker = eventProcessor.eventHandlerInvoker();
            return invoker.canHandleType(payloadType);
        }
        return true;
    }

    /** Whether the token covers every index: at or below its position, and not among its gaps. */
    static boolean coversAll(TrackingToken token, SortedSet<Long> indexes) {
        TrackingToken unwrapped = token == null ? null : WrappedToken.unwrapLowerBound(token);
        if (unwrapped == null) {
            return false;
        }
        if (unwrapped instanceof GapAwareTrackingToken gapAware) {
            return indexes.last() <= gapAware.getIndex()
                    && indexes.stream().noneMatch(index -> gapAware.getGaps().contains(index));
        }
        return indexes.last() <= unwrapped.position().orElse(-1);
    }
}

package org.tremplin.platform.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.GenericTokenEntry;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The operational figures that cost a database read, taken together in the background every
 * {@code tremplin.observability.refresh} (10 s) and kept in memory, so that a scrape or a health check never queries
 * the database for them: the head of the event store, each tracking processor's lag behind it, the dead letters per
 * processing group and the open overdue funding stages per funder. They are published as the gauges
 * {@code tremplin.processor.lag{processor}}, {@code tremplin.deadletters{processing_group}} and
 * {@code tremplin.funding.overdue.stages{funder}}.
 *
 * <p>A processor's lag is the head's global index minus the lowest position among its segments: read in memory for
 * the segments this node claims, from Axon's token table for the others (another node's, or nobody's yet). The
 * figures are shared by every node (one database), except the in-memory positions, which are at least as fresh as the
 * table's.
 */
@Component
public class OperationalReadings {

    private static final Logger log = LoggerFactory.getLogger(OperationalReadings.class);
    private static final EventSchema EVENTS = new EventSchema();
    private static final TokenSchema TOKENS = TokenSchema.builder().build();

    /** What one processor looked like at the last reading. */
    public record ProcessorReading(String name, boolean running, boolean error, String errorMessage, boolean replaying,
                                   int localSegments, Long position, Long lag) {
    }

    /** One reading of everything; {@code takenAt} null before the first. */
    public record Snapshot(Instant takenAt, long head, Map<String, ProcessorReading> processors,
                           Map<String, Long> deadLetters, Map<String, Long> overdueStagesPerFunder) {
        static final Snapshot NONE = new Snapshot(null, -1, Map.of(), Map.of(), Map.of());
    }

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final MultiGauge lag;
    private final MultiGauge deadLetters;
    private final MultiGauge overdue;
    private volatile Snapshot snapshot = Snapshot.NONE;

    public OperationalReadings(EventProcessingConfiguration processing, JdbcTemplate jdbc, MeterRegistry registry) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.lag = MultiGauge.builder("tremplin.processor.lag")
                .description("Events a tracking processor is behind the head of the event store (global index)")
                .baseUnit("events").register(registry);
        this.deadLetters = MultiGauge.builder("tremplin.deadletters")
                .description("Events parked in the dead-letter queue of a processing group").baseUnit("events")
                .register(registry);
        this.overdue = MultiGauge.builder("tremplin.funding.overdue.stages")
                .description("Funding stages past the funder's service level and not ended yet, per funder")
                .baseUnit("stages").register(registry);
    }

    /** The last reading (never null; empty before the first). */
    public Snapshot snapshot() {
        return snapshot;
    }

    /** Takes a new reading now and publishes it (the background refresh calls this; tests may too). */
    @Scheduled(initialDelayString = "${tremplin.observability.initial-delay:PT5S}",
            fixedDelayString = "${tremplin.observability.refresh:PT10S}")
    public synchronized Snapshot refresh() {
        try {
            long head = head();
            Map<String, ProcessorReading> processors = processors(head);
            Map<String, Long> letters = deadLetters(processors.keySet());
            Map<String, Long> overdueStages = overdueStagesPerFunder();
            Snapshot taken = new Snapshot(Instant.now(), head, processors, letters, overdueStages);
            publish(taken);
            snapshot = taken;
            return taken;
        } catch (RuntimeException e) {
            log.warn("Operational readings failed, keeping the previous ones: {}", e.toString());
            return snapshot;
        }
    }

    private void publish(Snapshot taken) {
        List<MultiGauge.Row<?>> lags = new ArrayList<>();
        taken.processors().values().forEach(p -> {
            if (p.lag() != null) {
                lags.add(MultiGauge.Row.of(Tags.of("processor", p.name()), p.lag()));
            }
        });
        lag.register(lags, true);
        List<MultiGauge.Row<?>> letters = new ArrayList<>();
        taken.deadLetters().forEach((group, count) -> letters.add(MultiGauge.Row.of(Tags.of("processing_group", group), count)));
        deadLetters.register(letters, true);
        List<MultiGauge.Row<?>> stages = new ArrayList<>();
        taken.overdueStagesPerFunder().forEach((funder, count) -> stages.add(MultiGauge.Row.of(Tags.of("funder", funder), count)));
        overdue.register(stages, true);
    }

    private long head() {
        Long max = jdbc.queryForObject("SELECT MAX(" + EVENTS.globalIndexColumn() + ") FROM " + EVENTS.domainEventTable(),
                Long.class);
        return max == null ? -1 : max;
    }

    private Map<String, ProcessorReading> processors(long head) {
        Map<String, ProcessorReading> readings = new TreeMap<>();
        Map<String, Map<Integer, Long>> stored = null;
        for (EventProcessor processor : processing.eventProcessors().values()) {
            if (!(processor instanceof StreamingEventProcessor streaming)) {
                continue;
            }
            Map<Integer, EventTrackerStatus> local = streaming.processingStatus();
            String errorMessage = null;
            boolean errorState = processor.isError();
            Long position = null;
            for (EventTrackerStatus status : local.values()) {
                if (status.isErrorState()) {
                    errorState = true;
                    errorMessage = status.getError() == null ? "in error" : status.getError().toString();
                }
                long segmentPosition = status.getCurrentPosition().orElse(-1);
                position = position == null ? segmentPosition : Math.min(position, segmentPosition);
            }
            if (stored == null) {
                stored = storedPositions();
            }
            // segments this node does not claim: their committed position in the token table
            for (Map.Entry<Integer, Long> segment : stored.getOrDefault(processor.getName(), Map.of()).entrySet()) {
                if (!local.containsKey(segment.getKey())) {
                    long segmentPosition = segment.getValue();
                    position = position == null ? segmentPosition : Math.min(position, segmentPosition);
                }
            }
            Long behind = position == null ? null : Math.max(0, head - position);
            readings.put(processor.getName(), new ProcessorReading(processor.getName(), processor.isRunning(), errorState,
                    errorMessage, streaming.isReplaying(), local.size(), position, behind));
        }
        return readings;
    }

    /** Every segment's position in Axon's token table (read, not claimed), per processor; -1 for a token not set yet. */
    private Map<String, Map<Integer, Long>> storedPositions() {
        Map<String, Map<Integer, Long>> positions = new LinkedHashMap<>();
        String sql = "SELECT " + TOKENS.processorNameColumn() + ", " + TOKENS.segmentColumn() + ", " + TOKENS.tokenColumn()
                + ", " + TOKENS.tokenTypeColumn() + " FROM " + TOKENS.tokenTable();
        jdbc.query(sql, rs -> {
            String name = rs.getString(1);
            int segment = rs.getInt(2);
            byte[] token = rs.getBytes(3);
            String type = rs.getString(4);
            long position = -1;
            if (token != null && type != null && processing.eventProcessor(name).isPresent()) {
                TokenStore store = org.tremplin.platform.config.InStepTokenStore.database(processing.tokenStore(name));
                if (store instanceof JdbcTokenStore jdbcStore) {
                    TrackingToken read = new GenericTokenEntry<>(token, type, null, null, name, segment, byte[].class)
                            .getToken(jdbcStore.serializer());
                    TrackingToken lower = read == null ? null : WrappedToken.unwrapLowerBound(read);
                    position = lower == null ? -1 : lower.position().orElse(-1);
                }
            }
            positions.computeIfAbsent(name, n -> new TreeMap<>()).put(segment, position);
        });
        return positions;
    }

    /** Dead letters per processing group: every known processor's group (0 when none), and any other found. */
    private Map<String, Long> deadLetters(Iterable<String> knownGroups) {
        Map<String, Long> letters = new TreeMap<>();
        knownGroups.forEach(group -> letters.put(group, 0L));
        jdbc.query("SELECT processingGroup, COUNT(*) FROM DeadLetterEntry GROUP BY processingGroup",
                rs -> {
                    letters.put(rs.getString(1), rs.getLong(2));
                });
        return letters;
    }

    /**
     * Open overdue stages per funder, as the staff's overdue page counts them (a reported stage whose lead time has not
     * ended), every registered funder included (0 when none).
     */
    private Map<String, Long> overdueStagesPerFunder() {
        Map<String, Long> perFunder = new TreeMap<>();
        jdbc.query("SELECT id FROM funder", rs -> {
            perFunder.put(rs.getString(1), 0L);
        });
        jdbc.query("""
                SELECT o.funder_id, COUNT(*) FROM funding_stage_overdue o
                LEFT JOIN funding_lead_time l ON l.subject_id = o.subject_id AND l.stage = o.stage
                WHERE l.ended_at IS NULL GROUP BY o.funder_id""", rs -> {
            perFunder.put(rs.getString(1), rs.getLong(2));
        });
        return perFunder;
    }
}

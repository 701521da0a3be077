package org.tremplin.platform.config;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.ReadEventDataWithGapsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.ReadEventDataWithoutGapsStatementBuilder;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Map;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The next events after a tracking token, read through {@link TrackedEventReads}: the same rows as Axon's statements
 * when no hole is wider than a batch, the events past such a hole where Axon's window finds nothing, both halves of a
 * read with gaps through the primary key on H2; and the event store's shared reader and an aggregate's reads
 * ({@link LastBatchAwareStorageEngine}) end at the first batch smaller than the batch size, and an aggregate is read
 * without a snapshot lookup.
 */
class TrackedEventReadsTest extends ApiTestSupport {

    private static final EventSchema SCHEMA = new EventSchema();

    @Autowired
    private DataSource dataSource;
    @Autowired
    private EventStorageEngine storageEngine;
    @Autowired
    private Serializer serializer;
    @Autowired
    @Qualifier("eventSerializer")
    private Serializer eventSerializer;
    @Autowired
    private ConnectionProvider connectionProvider;
    @Autowired
    private TransactionManager transactionManager;
    @Autowired
    private ApplicationContext context;
    @Autowired
    private org.springframework.transaction.PlatformTransactionManager platformTransactionManager;

    /** The indexes of the stored events, newest first: at least eight. */
    private List<Long> stored;

    @BeforeEach
    void storeEvents() {
        String user = newUser("reads", Roles.CARRIER);
        for (int i = 0; i < 4; i++) {
            newOrganisation("Tracked Reader " + i + " " + user, "SME", user);
        }
        stored = jdbc.queryForList("SELECT globalIndex FROM DomainEventEntry ORDER BY globalIndex DESC", Long.class);
        assertThat(stored).hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void a_token_with_gaps_reads_the_gaps_by_key_then_the_next_events() throws Exception {
        // the token stands four events from the head, with two stored events and one index that holds nothing as gaps
        long position = stored.get(4);
        List<Long> gaps = List.of(stored.get(7), stored.get(5), -5L);
        List<Long> expected = new ArrayList<>(List.of(stored.get(7), stored.get(5)));
        expected.addAll(List.of(stored.get(3), stored.get(2), stored.get(1), stored.get(0)));
        int batch = (int) (stored.get(0) - position);
        List<Long> sortedGaps = gaps.stream().sorted().toList();

        try (Connection connection = dataSource.getConnection()) {
            List<Long> axon = indexes(JdbcEventStorageEngineStatements.readEventDataWithGaps(connection, SCHEMA, position,
                    batch, sortedGaps));
            List<Long> next = indexes(new TrackedEventReads().build(connection, SCHEMA, position, batch, sortedGaps));
            assertThat(next).isEqualTo(axon).isEqualTo(expected);
            // a batch of two: the two events after the position, and the gaps
            assertThat(indexes(new TrackedEventReads().build(connection, SCHEMA, position, 2, sortedGaps)))
                    .containsExactly(stored.get(7), stored.get(5), stored.get(3), stored.get(2));

            if (connection.getMetaData().getDatabaseProductName().equals("H2")) {
                List<Long> axonParameters = new ArrayList<>(List.of(position, position + batch));
                axonParameters.addAll(sortedGaps);
                String axonPlan = plan(connection, c -> JdbcEventStorageEngineStatements.readEventDataWithGaps(c, SCHEMA,
                        position, batch, sortedGaps), axonParameters);
                // no index condition: every row of the store is read (in the primary key's order, or as a table scan)
                assertThat(axonPlan).as("Axon's statement on H2").doesNotContainPattern("PUBLIC\\.\\w+: GLOBALINDEX");
                List<Long> parameters = new ArrayList<>(List.of(position, Long.MAX_VALUE));
                parameters.addAll(sortedGaps);
                String plan = plan(connection, c -> new TrackedEventReads().build(c, SCHEMA, position, batch, sortedGaps),
                        parameters);
                assertThat(plan).as("the read by key on H2").containsPattern("(?s)/\\* PUBLIC\\.\\w+: GLOBALINDEX > .*/\\* PUBLIC\\.\\w+: GLOBALINDEX IN");
            }
        }

        assertThat(Stream.of(JdbcEventStorageEngine.class.getDeclaredFields())
                .filter(field -> field.getType() == ReadEventDataWithGapsStatementBuilder.class
                        || field.getType() == ReadEventDataWithoutGapsStatementBuilder.class)
                .map(field -> {
                    field.setAccessible(true);
                    try {
                        return field.get(storageEngine);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                })).as("the statements the storage engine reads the next events with").hasSize(2)
                .allMatch(TrackedEventReads.class::isInstance);

        // the storage engine reads through it: a processor's token with these gaps gets these events, in this order
        List<String> expectedEvents = expected.stream().map(this::eventAt).toList();
        try (Stream<? extends TrackedEventMessage<?>> events = storageEngine.readEvents(
                GapAwareTrackingToken.newInstance(position, gaps), false)) {
            assertThat(events.limit(expected.size()).map(TrackedEventMessage::getIdentifier).toList())
                    .containsExactlyElementsOf(expectedEvents);
        }
    }

    @Test
    void a_run_of_consecutive_gaps_is_read_as_a_range_by_key() throws Exception {
        // a wide hole's gaps (twenty consecutive indexes below the position, some holding events now) and two singles
        long position = stored.get(4);
        List<Long> gaps = new ArrayList<>(java.util.stream.LongStream.rangeClosed(stored.get(5) - 19, stored.get(5))
                .boxed().toList());
        gaps.add(0, -5L);
        gaps.add(stored.get(5) + 2 < position ? stored.get(5) + 2 : -3L);
        List<Long> sortedGaps = gaps.stream().sorted().distinct().toList();
        int batch = 3;
        try (Connection connection = dataSource.getConnection()) {
            List<Long> axon = indexes(JdbcEventStorageEngineStatements.readEventDataWithGaps(connection, SCHEMA, position,
                    batch, sortedGaps));
            List<Long> next = indexes(new TrackedEventReads().build(connection, SCHEMA, position, batch, sortedGaps));
            assertThat(next).isEqualTo(axon).contains(stored.get(5), stored.get(3), stored.get(2), stored.get(1));
            assertThat(sqlOf(connection, c -> new TrackedEventReads().build(c, SCHEMA, position, batch, sortedGaps)))
                    .as("the twenty consecutive gaps as one range, the others listed")
                    .contains("IN (?,?)").containsOnlyOnce(">= ?");
            if (connection.getMetaData().getDatabaseProductName().equals("H2")) {
                List<Long> parameters = new ArrayList<>(List.of(position, Long.MAX_VALUE));
                parameters.addAll(sortedGaps.stream().filter(gap -> gap < stored.get(5) - 19 || gap > stored.get(5)).toList());
                parameters.addAll(List.of(stored.get(5) - 19, stored.get(5)));
                assertThat(plan(connection, c -> new TrackedEventReads().build(c, SCHEMA, position, batch, sortedGaps),
                        parameters)).as("the range read by key on H2")
                        .containsPattern("/\\* PUBLIC\\.\\w+: GLOBALINDEX >= \\?\\d+\\s+AND GLOBALINDEX <= \\?\\d+\\s+\\*/");
            }
        }
    }

    @Test
    void the_next_events_are_read_past_a_hole_wider_than_a_batch() throws Exception {
        long position = stored.get(4);
        List<Long> next = List.of(stored.get(3), stored.get(2), stored.get(1), stored.get(0));
        int batch = (int) (stored.get(0) - position);
        int engineBatch = ((JdbcEventStorageEngine) storageEngine).batchSize();
        long first = stored.get(stored.size() - 1);
        // an index range of one and a half batches that holds nothing (as a large rolled-back import would leave)
        long beforeHole = first - engineBatch - engineBatch / 2;
        try (Connection connection = dataSource.getConnection()) {
            assertThat(indexes(new TrackedEventReads().build(connection, SCHEMA, position, batch)))
                    .isEqualTo(indexes(JdbcEventStorageEngineStatements.readEventDataWithoutGaps(connection, SCHEMA, position, batch)))
                    .isEqualTo(next);
            assertThat(indexes(JdbcEventStorageEngineStatements.readEventDataWithoutGaps(connection, SCHEMA, beforeHole, engineBatch)))
                    .as("Axon's window before the hole").isEmpty();
            assertThat(indexes(new TrackedEventReads().build(connection, SCHEMA, beforeHole, 3)))
                    .as("the next events after the hole").containsExactly(first, stored.get(stored.size() - 2), stored.get(stored.size() - 3));
        }
        try (Connection connection = dataSource.getConnection()) {
            if (connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
                // the plan PostgreSQL keeps for the prepared statement, statistics or none: by the primary key
                assertThat(genericPlan(connection, c -> new TrackedEventReads().build(c, SCHEMA, position, batch)))
                        .contains("Index Scan using domainevententry_pkey").doesNotContain("Seq Scan");
            }
        }
        // without Axon's extra min(globalIndex) check, the storage engine still finds the events past the hole
        try (Stream<? extends TrackedEventMessage<?>> events = storageEngine.readEvents(
                GapAwareTrackingToken.newInstance(beforeHole, List.of()), false)) {
            assertThat(events.findFirst()).get().extracting(TrackedEventMessage::getIdentifier).isEqualTo(eventAt(first));
        }
    }

    @Test
    void the_event_stores_reader_ends_its_read_at_a_batch_smaller_than_the_batch_size() {
        AtomicInteger reads = new AtomicInteger();
        LastBatchAwareStorageEngine engine = engine(3, countingNextEventReads(reads));
        GapAwareTrackingToken fourBeforeTheHead = GapAwareTrackingToken.newInstance(stored.get(4), List.of());
        List<String> lastFour = List.of(eventAt(stored.get(3)), eventAt(stored.get(2)), eventAt(stored.get(1)),
                eventAt(stored.get(0)));

        // at the head, the shared reader's one read finds nothing
        GapAwareTrackingToken head = GapAwareTrackingToken.newInstance(stored.get(0), List.of());
        assertThat(identifiers(engine, head, true)).isEmpty();
        assertThat(reads.getAndSet(0)).isEqualTo(1);
        // the shared reader (mayBlock): a full batch of three, then one event, and no read after it
        assertThat(identifiers(engine, fourBeforeTheHead, true)).isEqualTo(lastFour);
        assertThat(reads.getAndSet(0)).isEqualTo(2);
        // any other stream reads until an answer is empty
        assertThat(identifiers(engine, fourBeforeTheHead, false)).isEqualTo(lastFour);
        assertThat(reads.getAndSet(0)).isEqualTo(3);

        assertThat(storageEngine).as("the application's storage engine").isInstanceOf(LastBatchAwareStorageEngine.class);
    }

    @Test
    void the_event_stores_reader_reads_again_at_once_only_after_a_commit_on_this_node() {
        AtomicInteger reads = new AtomicInteger();
        LastBatchAwareStorageEngine engine = engine(3, countingNextEventReads(reads));
        GapAwareTrackingToken twoBeforeTheHead = GapAwareTrackingToken.newInstance(stored.get(2), List.of());

        // a read that found events and ended below the batch size, then Axon's event store reading again at once
        // from where it ended: nothing committed here since, so no statement
        TrackingToken end = lastToken(engine, twoBeforeTheHead, true, 2);
        assertThat(identifiers(engine, (GapAwareTrackingToken) end, true)).isEmpty();
        assertThat(reads.getAndSet(0)).isEqualTo(1);
        // the read after that one (the reader's next poll, for other nodes' events) queries the store
        assertThat(identifiers(engine, (GapAwareTrackingToken) end, true)).isEmpty();
        assertThat(reads.getAndSet(0)).isEqualTo(1);

        // events committed here between the two reads: the second one queries
        end = lastToken(engine, twoBeforeTheHead, true, 2);
        engine.committedLocally();
        assertThat(identifiers(engine, (GapAwareTrackingToken) end, true)).isEmpty();
        assertThat(reads.getAndSet(0)).isEqualTo(2);

        // a read from elsewhere than where the last one ended queries too
        lastToken(engine, twoBeforeTheHead, true, 2);
        lastToken(engine, twoBeforeTheHead, true, 2);
        assertThat(reads.getAndSet(0)).isEqualTo(2);
        // and so does a stream other than the shared reader's
        end = lastToken(engine, twoBeforeTheHead, true, 2);
        assertThat(identifiers(engine, (GapAwareTrackingToken) end, false)).isEmpty();
        assertThat(reads.getAndSet(0)).isEqualTo(2);

        // the application's event store tells its engine after each commit
        long before = ((LastBatchAwareStorageEngine) storageEngine).localCommits();
        newOrganisation("Tracked Reader committed " + before, "SME", newUser("committed", Roles.CARRIER));
        assertThat(((LastBatchAwareStorageEngine) storageEngine).localCommits()).isGreaterThan(before);
    }

    /**
     * The events a step committed on this node are handed to the shared reader from memory, exactly as the store
     * holds them (every field, the same tokens), without a statement when they are the next ones after a token
     * without gaps; otherwise the store is read.
     */
    @Test
    void the_shared_reader_takes_the_events_committed_here_from_memory_as_the_store_holds_them() {
        LastBatchAwareStorageEngine application = (LastBatchAwareStorageEngine) storageEngine;
        long before = jdbc.queryForObject("SELECT MAX(globalIndex) FROM DomainEventEntry", Long.class);
        newOrganisation("Tracked Reader in memory", "SME", newUser("memory", Roles.CARRIER));
        newOrganisation("Tracked Reader in memory too", "SME", newUser("memory-too", Roles.CARRIER));
        List<Long> written = jdbc.queryForList("SELECT globalIndex FROM DomainEventEntry WHERE globalIndex > ? "
                + "ORDER BY globalIndex", Long.class, before);
        assertThat(written).hasSizeGreaterThanOrEqualTo(2);
        GapAwareTrackingToken beforeTheWrites = GapAwareTrackingToken.newInstance(written.get(0) - 1, List.of());

        List<TrackedEventData<?>> remembered = application.committedHereAfter(beforeTheWrites, 1000);
        List<? extends TrackedEventData<?>> stored = application.fetchTrackedEvents(beforeTheWrites, 1000);
        assertThat(remembered).as("every row the two writes committed, in order").extracting(
                event -> ((GapAwareTrackingToken) event.trackingToken()).getIndex()).isEqualTo(written);
        assertThat(stored).hasSameSizeAs(remembered);
        for (int i = 0; i < remembered.size(); i++) {
            TrackedDomainEventData<?> kept = (TrackedDomainEventData<?>) remembered.get(i);
            TrackedDomainEventData<?> row = (TrackedDomainEventData<?>) stored.get(i);
            assertThat(kept.trackingToken()).isEqualTo(row.trackingToken());
            assertThat(kept.getEventIdentifier()).isEqualTo(row.getEventIdentifier());
            assertThat(kept.getAggregateIdentifier()).isEqualTo(row.getAggregateIdentifier());
            assertThat(kept.getSequenceNumber()).isEqualTo(row.getSequenceNumber());
            assertThat(kept.getType()).isEqualTo(row.getType());
            assertThat(kept.getTimestamp()).isEqualTo(row.getTimestamp());
            assertThat(kept.getPayload().getType()).isEqualTo(row.getPayload().getType());
            assertThat((byte[]) kept.getPayload().getData()).isEqualTo((byte[]) row.getPayload().getData());
            assertThat((byte[]) kept.getMetaData().getData()).isEqualTo((byte[]) row.getMetaData().getData());
        }
        // a next index not committed (yet), or a token with gaps: the store is read
        assertThat(application.committedHereAfter(GapAwareTrackingToken.newInstance(written.get(written.size() - 1),
                List.of()), 1000)).isEmpty();
        assertThat(application.committedHereAfter(GapAwareTrackingToken.newInstance(written.get(0) - 1,
                List.of(written.get(0) - 2)), 1000)).isEmpty();

        // the shared reader of an engine keeping those rows: no statement for them, the same events as the store's
        AtomicInteger reads = new AtomicInteger();
        LastBatchAwareStorageEngine engine = engine(1000, countingNextEventReads(reads));
        Map<Long, org.axonframework.eventhandling.GenericDomainEventEntry<?>> rows = new java.util.LinkedHashMap<>();
        for (TrackedEventData<?> event : remembered) {
            TrackedDomainEventData<?> data = (TrackedDomainEventData<?>) event;
            rows.put(((GapAwareTrackingToken) data.trackingToken()).getIndex(),
                    new org.axonframework.eventhandling.GenericDomainEventEntry<>(data.getType(), data.getAggregateIdentifier(),
                            data.getSequenceNumber(), data.getEventIdentifier(), data.getTimestamp(),
                            data.getPayload().getType().getName(), data.getPayload().getType().getRevision(),
                            data.getPayload().getData(), data.getMetaData().getData()));
        }
        engine.keepCommitted(rows);
        List<String> expected = remembered.stream().map(event -> ((TrackedDomainEventData<?>) event).getEventIdentifier()).toList();
        assertThat(identifiers(engine, beforeTheWrites, true)).isEqualTo(expected);
        assertThat(reads.getAndSet(0)).as("statements of the shared reader").isZero();
        assertThat(identifiers(engine, beforeTheWrites, false)).as("any other stream reads the store")
                .startsWith(expected.toArray(String[]::new));
        assertThat(reads.get()).isPositive();
    }

    @Test
    void a_hole_before_an_old_event_stays_a_gap_as_the_live_reader_keeps_it() {
        long hole = rolledBackHole();
        newOrganisation("Tracked Reader after a hole", "SME", newUser("hole", Roles.CARRIER));
        // read a year later (as a replay reads old events; the live reader read them new): Axon's clock moved on
        // for the read only, the stored events left as they are. Past Axon's largest gap timeout (24.8 days) too.
        java.time.Clock clock = org.axonframework.eventhandling.GenericEventMessage.clock;
        org.axonframework.eventhandling.GenericEventMessage.clock = java.time.Clock.offset(clock, java.time.Duration.ofDays(365));
        try (Stream<? extends TrackedEventMessage<?>> events = storageEngine.readEvents(
                GapAwareTrackingToken.newInstance(hole - 1, List.of()), false)) {
            TrackedEventMessage<?> first = events.findFirst().orElseThrow();
            assertThat(first.getTimestamp()).isBefore(org.axonframework.eventhandling.GenericEventMessage.clock.instant()
                    .minus(java.time.Duration.ofDays(300)));
            assertThat(((GapAwareTrackingToken) first.trackingToken()).getGaps())
                    .as("gaps of the token after the old event past the hole (Axon's gap timeout, 60 s or at most 24.8 days, dropped them)")
                    .contains(hole);
        } finally {
            org.axonframework.eventhandling.GenericEventMessage.clock = clock;
        }
    }

    @Test
    void a_gap_is_dropped_once_an_event_is_read_more_than_the_gap_timeout_after_the_event_that_revealed_it()
            throws InterruptedException {
        long hole = rolledBackHole();
        newOrganisation("Tracked Reader revealing a hole", "SME", newUser("revealing", Roles.CARRIER));
        long revealedUpTo = jdbc.queryForObject("SELECT MAX(globalIndex) FROM DomainEventEntry", Long.class);
        Thread.sleep(1_500);
        newOrganisation("Tracked Reader later", "SME", newUser("later", Roles.CARRIER));
        GapAwareTrackingToken before = GapAwareTrackingToken.newInstance(hole - 1, List.of());

        // in the events' time: 1.5 s between the event after the hole and the later ones, the timeout 1 s
        List<GapAwareTrackingToken> oneSecond = tokens(engine(1000, UnaryOperator.identity(), transactionManager,
                java.time.Duration.ofSeconds(1)), before);
        assertThat(oneSecond).allSatisfy(token -> assertThat(token.getGaps().contains(hole))
                .as("gap %d in the token at %d", hole, token.getIndex()).isEqualTo(token.getIndex() <= revealedUpTo));
        assertThat(oneSecond).as("tokens after the later events").anyMatch(token -> token.getIndex() > revealedUpTo);
        // the application's timeout, a minute: kept
        assertThat(tokens(engine(1000, UnaryOperator.identity()), before))
                .allSatisfy(token -> assertThat(token.getGaps()).contains(hole));

        // a reader that did not see the hole revealed (another node, a restart: the token read from the token store)
        // reads when it was revealed from the store and computes the same tokens
        GapAwareTrackingToken atReveal = oneSecond.stream().filter(token -> token.getIndex() == revealedUpTo)
                .findFirst().orElseThrow();
        assertThat(atReveal.getGaps()).contains(hole);
        List<GapAwareTrackingToken> restarted = tokens(engine(1000, UnaryOperator.identity(), transactionManager,
                java.time.Duration.ofSeconds(1)), atReveal);
        assertThat(restarted).isEqualTo(oneSecond.subList(oneSecond.indexOf(atReveal) + 1, oneSecond.size()));
        assertThat(restarted.stream().map(GapAwareTrackingToken::getGaps).toList())
                .isEqualTo(oneSecond.subList(oneSecond.indexOf(atReveal) + 1, oneSecond.size()).stream()
                        .map(GapAwareTrackingToken::getGaps).toList());
    }

    @Test
    void a_replay_computes_the_tokens_the_live_reader_computed() throws InterruptedException {
        long hole = rolledBackHole();
        newOrganisation("Tracked Reader live", "SME", newUser("live", Roles.CARRIER));
        Thread.sleep(1_500);
        newOrganisation("Tracked Reader live later", "SME", newUser("live-later", Roles.CARRIER));
        java.time.Duration timeout = java.time.Duration.ofSeconds(1);
        // the live reader read the events as they came, a batch of one event at a time
        LastBatchAwareStorageEngine live = engine(1, UnaryOperator.identity(), transactionManager, timeout);
        List<GapAwareTrackingToken> read = new ArrayList<>();
        GapAwareTrackingToken position = GapAwareTrackingToken.newInstance(hole - 1, List.of());
        for (GapAwareTrackingToken next = position; next != null; ) {
            try (Stream<? extends TrackedEventMessage<?>> events = live.readEvents(next, false)) {
                next = events.findFirst().map(event -> (GapAwareTrackingToken) event.trackingToken()).orElse(null);
            }
            if (next != null) {
                read.add(next);
            }
        }
        // a replay, a year later, from the same place, in one batch on an engine of its own
        java.time.Clock clock = org.axonframework.eventhandling.GenericEventMessage.clock;
        org.axonframework.eventhandling.GenericEventMessage.clock = java.time.Clock.offset(clock, java.time.Duration.ofDays(365));
        try {
            List<GapAwareTrackingToken> replayed = tokens(engine(1000, UnaryOperator.identity(), transactionManager, timeout),
                    position);
            assertThat(replayed).isEqualTo(read);
            assertThat(replayed.stream().map(GapAwareTrackingToken::getGaps).toList())
                    .isEqualTo(read.stream().map(GapAwareTrackingToken::getGaps).toList());
            assertThat(read).anyMatch(token -> token.getGaps().contains(hole))
                    .anyMatch(token -> token.getIndex() > hole && !token.getGaps().contains(hole));
        } finally {
            org.axonframework.eventhandling.GenericEventMessage.clock = clock;
        }
    }

    @Test
    void an_append_reports_the_global_index_the_database_gave_each_event_to_the_request() {
        String aggregate = "reported-" + java.util.UUID.randomUUID();
        List<GenericDomainEventMessage<String>> events = java.util.stream.IntStream.range(0, 3)
                .mapToObj(i -> new GenericDomainEventMessage<>("Reported", aggregate, i, "payload " + i)).toList();
        org.springframework.web.context.request.RequestContextHolder.setRequestAttributes(
                new org.springframework.web.context.request.ServletRequestAttributes(
                        new org.springframework.mock.web.MockHttpServletRequest()));
        try {
            // in a transaction rolled back at the end: the rows are read in it, and nothing stays in the store
            new org.springframework.transaction.support.TransactionTemplate(platformTransactionManager).executeWithoutResult(status -> {
                storageEngine.appendEvents(events);
                List<Long> rows = jdbc.queryForList("SELECT globalIndex FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                        + " ORDER BY sequenceNumber", Long.class, aggregate);
                CommittedEvents.recordCommitted(events);
                List<CommittedEvents.Committed> committed = CommittedEvents.takeForCurrentRequest();
                assertThat(rows).hasSize(3).doesNotHaveDuplicates();
                assertThat(committed).extracting(CommittedEvents.Committed::identifier)
                        .containsExactlyElementsOf(events.stream().map(GenericDomainEventMessage::getIdentifier).toList());
                assertThat(committed).extracting(CommittedEvents.Committed::globalIndex).containsExactlyElementsOf(rows);
                status.setRollbackOnly();
            });
            // an event committed without a reported index is recorded as unknown: the wait looks it up
            CommittedEvents.recordCommitted(List.of(new GenericDomainEventMessage<>("Reported", aggregate, 3, "late")));
            assertThat(CommittedEvents.takeForCurrentRequest()).singleElement()
                    .satisfies(event -> assertThat(event.indexKnown()).isFalse());
        } finally {
            org.springframework.web.context.request.RequestContextHolder.resetRequestAttributes();
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?", Long.class,
                aggregate)).isZero();
    }

    @Test
    void a_late_commit_into_a_gap_leaves_the_tokens_a_later_reader_computes() throws InterruptedException {
        long hole = rolledBackHole();
        newOrganisation("Tracked Reader late", "SME", newUser("late", Roles.CARRIER));
        long lastEarly = jdbc.queryForObject("SELECT MAX(globalIndex) FROM DomainEventEntry", Long.class);
        Thread.sleep(1_500);
        newOrganisation("Tracked Reader after the late one", "SME", newUser("after-late", Roles.CARRIER));
        java.time.Duration timeout = java.time.Duration.ofSeconds(1);
        // a reader that found the event after the hole still in flight: both indexes were gaps of its token, and the
        // event commits into the second (a late commit), which leaves the hole below it as a range of its own
        List<GapAwareTrackingToken> live = tokens(engine(1000, UnaryOperator.identity(), transactionManager, timeout),
                GapAwareTrackingToken.newInstance(lastEarly, List.of(hole, hole + 1)));
        assertThat(live.get(0).getIndex()).as("the late commit, read first").isEqualTo(lastEarly);
        assertThat(live.get(0).getGaps()).contains(hole).doesNotContain(hole + 1);
        // a reader of the store afterwards (a replay) saw no late commit: the hole was revealed by that same event
        List<GapAwareTrackingToken> later = tokens(engine(1000, UnaryOperator.identity(), transactionManager, timeout),
                GapAwareTrackingToken.newInstance(hole - 1, List.of()));
        List<GapAwareTrackingToken> liveAfter = live.subList(1, live.size());
        List<GapAwareTrackingToken> laterAfter = later.stream().filter(token -> token.getIndex() > lastEarly).toList();
        assertThat(liveAfter).isNotEmpty().isEqualTo(laterAfter);
        assertThat(liveAfter.stream().map(GapAwareTrackingToken::getGaps).toList())
                .isEqualTo(laterAfter.stream().map(GapAwareTrackingToken::getGaps).toList());
        assertThat(liveAfter).as("the hole dropped a timeout after the late commit")
                .allSatisfy(token -> assertThat(token.getGaps()).doesNotContain(hole));
    }

    @Test
    void a_token_of_another_node_with_many_gap_ranges_has_their_reveal_times_read_in_several_statements() {
        // 150 ranges of one gap each (more than one statement's 100), every other index below the head (below the
        // store's first index too, where a class run alone has fewer than 300 events: those stay gaps)
        long head = stored.get(0);
        List<Long> gaps = java.util.stream.LongStream.rangeClosed(1, 150).map(i -> head - 2 * i).boxed().toList();
        List<Long> filled = jdbc.queryForList("SELECT globalIndex FROM DomainEventEntry WHERE globalIndex >= ? AND globalIndex < ?"
                + " ORDER BY globalIndex", Long.class, gaps.get(gaps.size() - 1), head).stream().filter(gaps::contains).toList();
        assertThat(filled).isNotEmpty();
        // the reveal-time statements the engine prepares, counted on its connections
        AtomicInteger revealReads = new AtomicInteger();
        ConnectionProvider counting = () -> {
            Connection connection = connectionProvider.getConnection();
            return (Connection) Proxy.newProxyInstance(TrackedEventReadsTest.class.getClassLoader(),
                    new Class<?>[]{Connection.class}, (proxy, method, arguments) -> {
                        if (method.getName().equals("prepareStatement") && ((String) arguments[0]).contains("range_end")) {
                            revealReads.incrementAndGet();
                        }
                        try {
                            return method.invoke(connection, arguments);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        };
        // a timeout longer than the store's age: no gap times out here, whenever its neighbours were written
        List<GapAwareTrackingToken> read = tokens(engine(1000, builder -> builder.connectionProvider(counting),
                transactionManager, java.time.Duration.ofDays(3650)), GapAwareTrackingToken.newInstance(head, gaps));
        assertThat(revealReads.get()).as("statements reading when the 150 ranges were revealed").isEqualTo(2);
        // the gaps that hold events are read as late commits, in order; those that hold none stay gaps
        assertThat(read.stream().map(GapAwareTrackingToken::getIndex).distinct().toList()).containsExactly(head);
        assertThat(read).hasSize(filled.size());
        // (Axon's token forgets gaps below zero at its first move: they are none of the store's indexes)
        assertThat(read.get(read.size() - 1).getGaps()).containsExactlyElementsOf(
                gaps.stream().filter(gap -> gap >= 0 && !filled.contains(gap)).sorted().toList());
    }

    /** A hole in the global index, as a rolled-back step leaves one (the identity or sequence value is not given back). */
    private long rolledBackHole() {
        org.springframework.transaction.support.TransactionTemplate rolledBack =
                new org.springframework.transaction.support.TransactionTemplate(platformTransactionManager);
        Long hole = rolledBack.execute(status -> {
            jdbc.update("INSERT INTO DomainEventEntry (eventIdentifier, aggregateIdentifier, sequenceNumber, type, timeStamp,"
                    + " payloadType, payloadRevision, payload, metaData) SELECT 'rolled-back-' || eventIdentifier,"
                    + " aggregateIdentifier, sequenceNumber + 1000, type, timeStamp, payloadType, payloadRevision, payload,"
                    + " metaData FROM DomainEventEntry WHERE globalIndex = ?", stored.get(0));
            Long index = jdbc.queryForObject("SELECT MAX(globalIndex) FROM DomainEventEntry", Long.class);
            status.setRollbackOnly();
            return index;
        });
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE globalIndex = ?", Long.class, hole))
                .as("the hole").isZero();
        return hole;
    }

    /** The tokens of the events after a position, read by the engine up to the head. */
    private static List<GapAwareTrackingToken> tokens(EventStorageEngine engine, GapAwareTrackingToken position) {
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(position, false)) {
            return events.map(event -> (GapAwareTrackingToken) event.trackingToken()).toList();
        }
    }

    /** Reads the events after the token, checks how many, and answers the last one's token. */
    private static TrackingToken lastToken(EventStorageEngine engine, GapAwareTrackingToken token, boolean mayBlock,
                                           int expected) {
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(token, mayBlock)) {
            List<? extends TrackedEventMessage<?>> read = events.toList();
            assertThat(read).hasSize(expected);
            return read.get(read.size() - 1).trackingToken();
        }
    }

    @Test
    void the_next_events_are_read_outside_any_transaction_and_an_aggregates_events_inside_one() {
        AtomicInteger transactions = new AtomicInteger();
        TransactionManager counting = () -> {
            transactions.incrementAndGet();
            return transactionManager.startTransaction();
        };
        LastBatchAwareStorageEngine engine = engine(3, builder -> builder.extendedGapCheckEnabled(false)
                .readEventDataWithoutGaps(new TrackedEventReads()), counting);
        GapAwareTrackingToken fourBeforeTheHead = GapAwareTrackingToken.newInstance(stored.get(4), List.of());

        assertThat(identifiers(engine, fourBeforeTheHead, true)).hasSize(4);
        assertThat(identifiers(engine, fourBeforeTheHead, false)).hasSize(4);
        assertThat(identifiers(engine, GapAwareTrackingToken.newInstance(stored.get(4), List.of(stored.get(5))), false))
                .hasSize(5);
        assertThat(transactions.get()).as("transactions opened to read the next events").isZero();

        String aggregate = jdbc.queryForObject("SELECT aggregateIdentifier FROM DomainEventEntry WHERE globalIndex = ?",
                String.class, stored.get(0));
        assertThat(engine.readEvents(aggregate).asStream().count()).isPositive();
        assertThat(transactions.get()).as("transactions opened to read an aggregate's events").isPositive();
    }

    @Test
    void an_aggregates_events_are_read_in_one_statement_below_a_batch_and_up_to_an_empty_one_above() {
        AtomicInteger reads = new AtomicInteger();
        String aggregate = jdbc.queryForObject("SELECT aggregateIdentifier FROM DomainEventEntry WHERE globalIndex = ?",
                String.class, stored.get(0));
        List<String> expected = jdbc.queryForList("SELECT eventIdentifier FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                + " ORDER BY sequenceNumber", String.class, aggregate);
        assertThat(expected).as("the organisation's events (registered, a member added)").hasSizeGreaterThanOrEqualTo(2);

        JdbcEventStorageEngine wide = engine(expected.size() + 1, countingAggregateReads(reads));
        assertThat(wide.readEvents(aggregate).asStream().map(event -> event.getIdentifier()).toList()).isEqualTo(expected);
        assertThat(reads.getAndSet(0)).as("reads of a batch larger than the aggregate").isEqualTo(1);

        JdbcEventStorageEngine exact = engine(expected.size(), countingAggregateReads(reads));
        assertThat(exact.readEvents(aggregate).asStream().map(event -> event.getIdentifier()).toList()).isEqualTo(expected);
        assertThat(reads.getAndSet(0)).as("reads of a batch as large as the aggregate: then an empty one").isEqualTo(2);
    }

    @Test
    void an_aggregate_is_read_from_its_first_event_without_looking_for_a_snapshot() {
        // no aggregate takes snapshots, so the one statement Axon made before every command always found none
        String[] aggregates = context.getBeanNamesForAnnotation(Aggregate.class);
        assertThat(aggregates).as("the aggregates' bean definitions").hasSizeGreaterThanOrEqualTo(15);
        for (String aggregate : aggregates) {
            assertThat(context.findAnnotationOnBean(aggregate, Aggregate.class).snapshotTriggerDefinition())
                    .as("%s's snapshot trigger", aggregate).isEmpty();
        }

        String aggregate = jdbc.queryForObject("SELECT aggregateIdentifier FROM DomainEventEntry WHERE globalIndex = ?",
                String.class, stored.get(0));
        List<String> expected = jdbc.queryForList("SELECT eventIdentifier FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                + " ORDER BY sequenceNumber", String.class, aggregate);
        AtomicInteger snapshotReads = new AtomicInteger();
        JdbcEventStorageEngine engine = engine(1000, builder -> builder.readSnapshotData((connection, schema, identifier) -> {
            snapshotReads.incrementAndGet();
            return JdbcEventStorageEngineStatements.readSnapshotData(connection, schema, identifier);
        }));
        // a snapshot row for the aggregate, at its last event, as Axon would store one (its payload is not the
        // aggregate's state: read, it would break the aggregate)
        engine.storeSnapshot(new GenericDomainEventMessage<>("Organisation", aggregate, expected.size() - 1, "not a state"));
        try {
            JdbcEventStorageEngine axons = JdbcEventStorageEngine.builder().snapshotSerializer(serializer)
                    .eventSerializer(eventSerializer).connectionProvider(connectionProvider)
                    .transactionManager(transactionManager).schema(SCHEMA).build();
            assertThat(axons.readSnapshot(aggregate)).as("Axon's engine finds the row").isPresent();

            assertThat(engine.readSnapshot(aggregate)).isEmpty();
            assertThat(snapshotReads.get()).as("snapshot statements").isZero();
            // the application's event store reads the aggregate from its first event
            assertThat(eventStore.readEvents(aggregate).asStream().map(event -> event.getIdentifier()).toList())
                    .isEqualTo(expected);
        } finally {
            jdbc.update("DELETE FROM SnapshotEventEntry WHERE aggregateIdentifier = ?", aggregate);
        }
    }

    /** A storage engine of this class on the application's database, with this batch size and these statements. */
    private LastBatchAwareStorageEngine engine(int batchSize, UnaryOperator<JdbcEventStorageEngine.Builder> statements) {
        return engine(batchSize, statements, transactionManager);
    }

    private LastBatchAwareStorageEngine engine(int batchSize, UnaryOperator<JdbcEventStorageEngine.Builder> statements,
                                               TransactionManager transactions) {
        return engine(batchSize, statements, transactions, LastBatchAwareStorageEngine.GAP_TIMEOUT);
    }

    private LastBatchAwareStorageEngine engine(int batchSize, UnaryOperator<JdbcEventStorageEngine.Builder> statements,
                                               TransactionManager transactions, java.time.Duration gapTimeout) {
        return new LastBatchAwareStorageEngine(statements.apply(JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .connectionProvider(connectionProvider)
                .schema(SCHEMA)
                .batchSize(batchSize)), transactions, gapTimeout);
    }

    /** Reads of the next events through {@link TrackedEventReads}, counted, without Axon's extra gap check. */
    private static UnaryOperator<JdbcEventStorageEngine.Builder> countingNextEventReads(AtomicInteger reads) {
        TrackedEventReads next = new TrackedEventReads();
        return builder -> builder.extendedGapCheckEnabled(false)
                .readEventDataWithoutGaps((connection, schema, index, batch) -> {
                    reads.incrementAndGet();
                    return next.build(connection, schema, index, batch);
                });
    }

    private static UnaryOperator<JdbcEventStorageEngine.Builder> countingAggregateReads(AtomicInteger reads) {
        return builder -> builder.readEventDataForAggregate((connection, schema, identifier, first, batch) -> {
            reads.incrementAndGet();
            return JdbcEventStorageEngineStatements.readEventDataForAggregate(connection, schema, identifier, first, batch);
        });
    }

    private static List<String> identifiers(EventStorageEngine engine, GapAwareTrackingToken token, boolean mayBlock) {
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(token, mayBlock)) {
            return events.map(TrackedEventMessage::getIdentifier).toList();
        }
    }

    private String eventAt(long index) {
        return jdbc.queryForObject("SELECT eventIdentifier FROM DomainEventEntry WHERE globalIndex = ?", String.class, index);
    }

    private static List<Long> indexes(PreparedStatement statement) throws SQLException {
        List<Long> indexes = new ArrayList<>();
        try (statement; ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                indexes.add(rows.getLong(SCHEMA.globalIndexColumn()));
            }
        }
        return indexes;
    }

    /** PostgreSQL's generic plan (the one a prepared statement keeps) of the statement a builder prepares. */
    private static String genericPlan(Connection connection, StatementBuilder builder) throws SQLException {
        String[] parts = sqlOf(connection, builder).split("\\?", -1);
        StringBuilder numbered = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            numbered.append('$').append(i).append(parts[i]);
        }
        try (var statement = connection.createStatement()) {
            // the pooled connection is given back as it was taken: no plan mode, no prepared statement left on it
            statement.execute("SET plan_cache_mode = force_generic_plan");
            statement.execute("PREPARE next_events(bigint, bigint) AS " + numbered);
            try (ResultSet rows = statement.executeQuery("EXPLAIN EXECUTE next_events(1, " + Long.MAX_VALUE + ")")) {
                StringBuilder plan = new StringBuilder();
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
                return plan.toString();
            } finally {
                statement.execute("DEALLOCATE next_events");
                statement.execute("RESET plan_cache_mode");
            }
        }
    }

    /** The SQL text a builder prepares. */
    private static String sqlOf(Connection connection, StatementBuilder builder) throws SQLException {
        String[] sql = new String[1];
        Connection capturing = (Connection) Proxy.newProxyInstance(TrackedEventReadsTest.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("prepareStatement")) {
                        sql[0] = (String) arguments[0];
                    }
                    return method.invoke(connection, arguments);
                });
        builder.build(capturing).close();
        return sql[0];
    }

    /** H2's plan of the statement a builder prepares, with the given parameters. */
    private static String plan(Connection connection, StatementBuilder builder, List<Long> parameters) throws SQLException {
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sqlOf(connection, builder))) {
            for (int i = 0; i < parameters.size(); i++) {
                explain.setLong(i + 1, parameters.get(i));
            }
            try (ResultSet rows = explain.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private interface StatementBuilder {
        PreparedStatement build(Connection connection) throws SQLException;
    }
}

package org.tremplin.audit.seal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The seal chain with holes in the global index (rolled-back inserts: losing races, refusals, crashes) and
 * transactions still open. The background sealer is off: each test drives its own sealers (new instances
 * stand for a restart or for a second node), all on the same database. The bound (gap timeout) is 2 s here.
 * The seal monitor's background reading is pushed out of the way (first and next in an hour): each test takes
 * its readings itself, so that no reading can land between two calls a test compares.
 */
@TestPropertySource(properties = {
        "tremplin.audit.seal.enabled=false",
        "tremplin.observability.initial-delay=PT1H",
        "tremplin.observability.refresh=PT1H",
        "tremplin.audit.seal.gap-timeout=PT2S",
        "tremplin.audit.seal.checkpoint-every=1000"})
abstract class SealHoleScenarios extends ApiTestSupport {

    private static final Logger log = LoggerFactory.getLogger(SealHoleScenarios.class);
    private static final Duration BOUND = Duration.ofSeconds(2);

    @Autowired
    private SealStore store;
    @Autowired
    private SealSettings settings;
    @Autowired
    private PlatformTransactionManager transactionManager;
    @Autowired
    private Clock clock;
    @Autowired
    private DataSource dataSource;
    @Autowired
    private SealMonitor monitor;
    @Autowired
    private SealVerifier verifier;
    @Autowired
    private VerificationRecords records;

    private final List<Connection> openWriters = new ArrayList<>();

    @BeforeEach
    void chainAtTheHead() {
        // whatever earlier tests left: settle it (no writer is open between tests)
        EventSealer sealer = sealer(Duration.ZERO, true);
        sealer.sealPending();
        assertThat(sealedThrough()).isEqualTo(highestStoredIndex());
    }

    @AfterEach
    void closeWriters() throws SQLException {
        for (Connection connection : openWriters) {
            if (!connection.isClosed()) {
                connection.rollback();
                connection.close();
            }
        }
        openWriters.clear();
    }

    @Test
    void verify_says_unsealed_while_a_hole_is_pending_never_verified_even_for_an_edited_event_then_seals_within_the_bound()
            throws SQLException {
        Connection writer = openWriter();
        long hole = insertEvent(writer, Instant.now());
        List<Long> fresh = freshEvents();
        assertThat(fresh.get(0)).isGreaterThan(hole);

        EventSealer sealer = sealer(BOUND, true);
        sealer.sealPending();
        assertThat(sealedThrough()).as("blocked at the hole of the open transaction").isEqualTo(hole - 1);

        Map<String, Object> result = verify();
        assertThat(result.get("status")).as("%s", result).isEqualTo("UNSEALED");
        assertThat(result.get("verified")).isEqualTo(false);
        assertThat(result.get("firstProblem")).isNull();
        assertThat(((Number) result.get("sealedThrough")).longValue()).isEqualTo(hole - 1);
        assertThat(((Number) result.get("unsealedEvents")).longValue()).isGreaterThanOrEqualTo(fresh.size());
        assertThat(result).containsKey("oldestUnsealedAgeSeconds");

        // an unsealed event edited by hand: not checked, so never reported as verified
        byte[] payload = jdbc.queryForObject("SELECT payload FROM DomainEventEntry WHERE globalIndex = ?", byte[].class,
                fresh.get(0));
        byte[] forged = payload.clone();
        forged[forged.length / 2] ^= 0x01;
        jdbc.update("UPDATE DomainEventEntry SET payload = ? WHERE globalIndex = ?", forged, fresh.get(0));
        try {
            Map<String, Object> edited = verify();
            assertThat(edited.get("verified")).as("%s", edited).isEqualTo(false);
            assertThat(edited.get("status")).isEqualTo("UNSEALED");
        } finally {
            jdbc.update("UPDATE DomainEventEntry SET payload = ? WHERE globalIndex = ?", payload, fresh.get(0));
        }

        // the health contributor says the same, once its background reading is taken
        monitor.refresh();
        Map<String, Object> health = healthDetails(STAFF);
        assertThat(((Number) health.get("sealedThrough")).longValue()).isEqualTo(hole - 1);
        assertThat(((Number) health.get("unsealedEvents")).longValue()).isGreaterThanOrEqualTo(fresh.size());

        // the writer stays open: the bound settles its hole, from its first sighting, and the new events are sealed
        OffsetDateTime firstSeen = firstSeen(hole);
        long last = fresh.get(fresh.size() - 1);
        await().atMost(BOUND.plusSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
            sealer.sealPending();
            return sealedThrough() >= last;
        });
        Duration lag = Duration.between(firstSeen.toInstant(), Instant.now());
        log.info("Hole {} under an open transaction settled {} ms after its first sighting (bound {})", hole,
                lag.toMillis(), BOUND);
        assertThat(lag).isLessThan(BOUND.plusSeconds(2));
        assertThat(jdbc.queryForObject("SELECT event_identifier FROM event_seal WHERE global_index = ?", String.class,
                hole)).as("sealed as a permanent gap").isNull();
        writer.rollback();

        Map<String, Object> sealed = verify();
        assertThat(sealed.get("status")).as("%s", sealed).isEqualTo("VERIFIED");
        assertThat(sealed.get("verified")).isEqualTo(true);
        assertThat(((Number) sealed.get("unsealedEvents")).longValue()).isZero();
        assertThat(((Number) sealed.get("oldestUnsealedAgeSeconds")).longValue()).isZero();
    }

    @Test
    void under_load_with_concurrent_losers_no_event_waits_longer_than_the_bound() throws Exception {
        EventSealer sealer = sealer(BOUND, true);
        long end = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        java.util.concurrent.atomic.AtomicLong worstLagMillis = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicInteger holes = new java.util.concurrent.atomic.AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int writer = 0; writer < 2; writer++) {
                work.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        freshEvents();
                    }
                    return null;
                }));
            }
            work.add(pool.submit(() -> {  // losers: rolled-back inserts, some held open for a while
                int round = 0;
                while (System.nanoTime() < end) {
                    if (round++ % 10 == 0) {
                        try (Connection open = dataSource.getConnection()) {
                            open.setAutoCommit(false);
                            insertEvent(open, Instant.now());
                            Thread.sleep(700);
                            open.rollback();
                        }
                    } else {
                        rolledBackInserts(3);
                        Thread.sleep(50);
                    }
                    holes.addAndGet(round % 10 == 1 ? 1 : 3);
                }
                return null;
            }));
            work.add(pool.submit(() -> {  // the background sealer
                while (System.nanoTime() < end + Duration.ofSeconds(4).toNanos()) {
                    sealer.sealPending();
                    Thread.sleep(200);
                }
                return null;
            }));
            work.add(pool.submit(() -> {  // what an operator would watch: the oldest unsealed event's age
                while (System.nanoTime() < end + Duration.ofSeconds(4).toNanos()) {
                    store.firstEventAfter(sealedThrough()).ifPresent(event -> worstLagMillis.accumulateAndGet(
                            Duration.between(Instant.parse(event.timeStamp()), Instant.now()).toMillis(), Math::max));
                    Thread.sleep(50);
                }
                return null;
            }));
            for (Future<?> future : work) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        log.info("Under load: {} holes, worst seal lag {} ms (bound {}, passes every 200 ms)", holes.get(),
                worstLagMillis.get(), BOUND);
        assertThat(sealedThrough()).isEqualTo(highestStoredIndex());
        assertThat(worstLagMillis.get()).as("worst lag").isLessThan(BOUND.plusMillis(1_500).toMillis());
        assertThat(verify().get("status")).isEqualTo("VERIFIED");
    }

    @Test
    void the_first_sighting_of_a_hole_survives_a_restart_of_the_sealer() throws Exception {
        // a bound of its own, twice the others': the restart comes 2 s after the first sighting, and each of the two
        // checks below then has 2 s of margin against a machine stalled under load (with 2 s and a restart after
        // 1.2 s, a stall of 0.8 s settled the hole before the restarted pass: session 43's clean clone)
        Duration bound = BOUND.multipliedBy(2);
        Connection writer = openWriter();
        long hole = insertEvent(writer, Instant.now());
        long last = lastOf(freshEvents());

        sealer(bound, true).sealPending();
        OffsetDateTime firstSeen = firstSeen(hole);
        Thread.sleep(bound.toMillis() / 2);

        // restart: a new sealer, nothing in memory; the first sighting is read from the database
        EventSealer restarted = sealer(bound, true);
        long restartedAt = System.nanoTime();
        restarted.sealPending();
        assertThat(sealedThrough()).as("still within the bound").isLessThan(hole);
        assertThat(firstSeen(hole)).as("first sighting kept, not renewed").isEqualTo(firstSeen);
        await().atMost(bound.plusSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> {
            restarted.sealPending();
            return sealedThrough() >= last;
        });
        Duration afterRestart = Duration.ofNanos(System.nanoTime() - restartedAt);
        assertThat(afterRestart).as("settled at first sighting + bound, not restart + bound").isLessThan(bound.minusMillis(500));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM seal_gap WHERE global_index <= ?", Long.class, last))
                .as("settled holes forgotten").isZero();
        writer.rollback();
        assertThat(verify().get("status")).isEqualTo("VERIFIED");
    }

    @Test
    void every_hole_past_the_bound_is_settled_in_one_pass() throws Exception {
        Connection writer = openWriter();  // keeps the transaction horizon closed: only the bound settles
        long first = insertEvent(writer, Instant.now());
        int holes = 1_754;
        rolledBackInserts(holes);
        long last = lastOf(freshEvents());

        EventSealer sealer = sealer(BOUND, true);
        sealer.sealPending();
        assertThat(sealedThrough()).isEqualTo(first - 1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM seal_gap", Long.class))
                .as("every hole recorded at its first sighting").isGreaterThanOrEqualTo(holes + 1);
        Thread.sleep(BOUND.toMillis() + 100);

        long started = System.nanoTime();
        int added = sealer.sealPending();
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        log.info("One pass settled {} holes and sealed through {} ({} chain entries) in {} ms", holes + 1, last,
                added, millis);
        assertThat(sealedThrough()).as("one pass").isGreaterThanOrEqualTo(last);
        assertThat(added).isGreaterThanOrEqualTo(holes + 1);
        writer.rollback();
        assertThat(verify().get("status")).isEqualTo("VERIFIED");
    }

    @Test
    void a_hole_with_no_transaction_older_than_its_sighting_is_settled_at_once() {
        rolledBackInserts(20);
        long last = lastOf(freshEvents());
        EventSealer patient = sealer(Duration.ofHours(1), true);  // only the horizon can settle here
        long started = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            patient.sealPending();
            return sealedThrough() >= last;
        });
        log.info("Holes with no older transaction open settled in {} ms",
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        assertThat(verify().get("status")).isEqualTo("VERIFIED");
    }

    @Test
    void an_event_committed_after_its_index_was_settled_is_named_late_arrival_and_the_chain_goes_on() throws Exception {
        Connection writer = openWriter();
        long late = insertEvent(writer, Instant.now());
        long last = lastOf(freshEvents());
        EventSealer sealer = sealer(BOUND, true);
        sealer.sealPending();
        Thread.sleep(BOUND.toMillis() + 100);
        sealer.sealPending();
        assertThat(sealedThrough()).isGreaterThanOrEqualTo(last);
        writer.commit();  // a transaction longer than the bound
        try {
            Map<String, Object> result = verify();
            assertThat(result.get("status")).as("%s", result).isEqualTo("BROKEN");
            assertThat(result.get("verified")).isEqualTo(false);
            @SuppressWarnings("unchecked")
            Map<String, Object> problem = (Map<String, Object>) result.get("firstProblem");
            assertThat(problem.get("kind")).isEqualTo("LATE_ARRIVAL");
            assertThat(((Number) problem.get("globalIndex")).longValue()).isEqualTo(late);
            assertThat(problem.get("detail").toString()).contains("gap timeout");

            // the chain is not stuck behind it
            long next = lastOf(freshEvents());
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
                sealer.sealPending();
                return sealedThrough() >= next;
            });
        } finally {
            jdbc.update("DELETE FROM DomainEventEntry WHERE globalIndex = ?", late);
        }
        assertThat(verify().get("status")).isEqualTo("VERIFIED");
    }

    @Test
    void one_sealer_at_a_time_across_nodes() throws Exception {
        long last = lastOf(freshEvents());
        // another node holds the lock: this node's pass skips, sealing nothing
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (ResultSet lock = other.createStatement()
                    .executeQuery("SELECT name FROM seal_lock WHERE name = 'sealer' FOR UPDATE")) {
                assertThat(lock.next()).isTrue();
            }
            assertThat(sealer(Duration.ZERO, true).sealPending()).isZero();
            assertThat(sealedThrough()).isLessThan(last);
            other.rollback();
        }

        // two sealers (two nodes) racing over new events and holes: one chain, contiguous, verified
        for (int round = 0; round < 3; round++) {
            rolledBackInserts(5);
            freshEvents();
        }
        long start = sealedThrough();
        long target = highestStoredIndex();
        EventSealer a = sealer(Duration.ZERO, true);
        EventSealer b = sealer(Duration.ZERO, true);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (EventSealer sealer : List.of(a, b)) {
                runs.add(pool.submit(() -> {
                    int total = 0;
                    for (int i = 0; i < 20; i++) {
                        total += sealer.sealPending();
                    }
                    return total;
                }));
            }
            int total = 0;
            for (Future<Integer> run : runs) {
                total += run.get(60, TimeUnit.SECONDS);
            }
            assertThat(sealedThrough()).isGreaterThanOrEqualTo(target);
            assertThat((long) total).as("each index sealed once, by one of the two").isEqualTo(sealedThrough() - start);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM event_seal", Long.class))
                .as("one entry per index, from 1").isEqualTo(sealedThrough());
        assertThat(verify().get("status")).isEqualTo("VERIFIED");
    }

    @Test
    void the_seal_lag_is_in_health_for_staff_and_in_metrics() {
        monitor.refresh();
        Map<String, Object> details = healthDetails(STAFF);
        assertThat(details).containsKeys("sealedThrough", "unsealedEvents", "oldestUnsealedAgeSeconds", "withinBound",
                "readAt", "readingAgeSeconds", "readingMillis");

        ResponseEntity<Map<String, Object>> anonymous = http.exchange("/actuator/health", HttpMethod.GET, json(null),
                new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() { });
        assertThat(anonymous.getStatusCode().value()).isEqualTo(200);
        assertThat(anonymous.getBody()).doesNotContainKey("components");

        ResponseEntity<Map<String, Object>> gauge = get(STAFF, "/actuator/metrics/tremplin.seal.unsealed.events");
        assertThat(gauge.getStatusCode().value()).as("%s", gauge.getBody()).isEqualTo(200);
        assertThat(get(STAFF, "/actuator/metrics/tremplin.seal.lag.seconds").getStatusCode().value()).isEqualTo(200);
        String carrier = newUser("carrier", Roles.CARRIER);
        assertThat(get(carrier, "/actuator/metrics").getStatusCode().value()).isEqualTo(403);
        assertThat(http.getForEntity("/actuator/metrics", String.class).getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void health_shows_the_background_reading_with_its_age_and_counts_nothing_at_the_call() {
        monitor.refresh();
        Map<String, Object> before = healthDetails(STAFF);
        long unsealedBefore = ((Number) before.get("unsealedEvents")).longValue();

        // new events, unsealed (the background sealer is off): health still shows the reading it had, unchanged
        List<Long> fresh = freshEvents();
        Map<String, Object> atTheCall = healthDetails(STAFF);
        assertThat(atTheCall.get("readAt")).isEqualTo(before.get("readAt"));
        assertThat(((Number) atTheCall.get("unsealedEvents")).longValue()).isEqualTo(unsealedBefore);
        assertThat(((Number) atTheCall.get("readingAgeSeconds")).longValue()).isGreaterThanOrEqualTo(0);

        // the next reading sees them
        monitor.refresh();
        Map<String, Object> after = healthDetails(STAFF);
        assertThat(((Number) after.get("unsealedEvents")).longValue())
                .isGreaterThanOrEqualTo(unsealedBefore + fresh.size());
        assertThat(Instant.parse((String) after.get("readAt")))
                .isAfterOrEqualTo(Instant.parse((String) before.get("readAt")));
    }

    @Test
    void unsealed_events_are_counted_up_to_a_bound_and_beyond_it_given_as_the_span_of_indexes_after_the_seal() {
        // given at least two unsealed events (the background sealer is off)
        List<Long> fresh = freshEvents();
        long through = sealedThrough();
        long unsealed = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE globalIndex > ?", Long.class, through);
        long span = jdbc.queryForObject("SELECT MAX(globalIndex) FROM DomainEventEntry", Long.class) - through;
        assertThat(unsealed).isGreaterThanOrEqualTo(fresh.size());

        // within the bound: counted
        SealLag counted = verifier.lag();
        assertThat(counted.unsealedCounted()).isTrue();
        assertThat(counted.unsealedEvents()).isEqualTo(unsealed);
        assertThat(verifier.lag((int) unsealed)).isEqualTo(counted);

        // beyond it: the span of indexes after the seal (every unsealed event, and any index never used)
        SealLag beyond = verifier.lag((int) unsealed - 1);
        assertThat(beyond.unsealedCounted()).isFalse();
        assertThat(beyond.unsealedEvents()).isEqualTo(span).isGreaterThanOrEqualTo(unsealed);
        assertThat(beyond.sealedThrough()).isEqualTo(counted.sealedThrough());

        // and health says which it is
        monitor.refresh();
        assertThat(healthDetails(STAFF)).containsEntry("unsealedEventsCounted", true);
    }

    @Test
    void the_seal_health_is_unknown_before_its_first_reading_and_down_only_once_a_reading_failed() {
        // a monitor on a database without the event store: its reading fails for real
        org.h2.jdbcx.JdbcDataSource empty = new org.h2.jdbcx.JdbcDataSource();
        empty.setURL("jdbc:h2:mem:seal-monitor-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        SealVerifier broken = new SealVerifier(new SealStore(new org.springframework.jdbc.core.JdbcTemplate(empty)),
                records, settings, clock);
        SealMonitor unreadable = new SealMonitor(broken,
                settings, new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), clock);

        org.springframework.boot.actuate.health.Health first = unreadable.health();
        assertThat(first.getStatus()).as("nothing measured yet: not DOWN")
                .isEqualTo(org.springframework.boot.actuate.health.Status.UNKNOWN);
        assertThat(first.getDetails()).containsEntry("reading", "not taken yet").doesNotContainKey("unsealedEvents");

        unreadable.refresh();
        org.springframework.boot.actuate.health.Health failed = unreadable.health();
        assertThat(failed.getStatus()).isEqualTo(org.springframework.boot.actuate.health.Status.DOWN);
        assertThat(failed.getDetails()).containsKeys("error", "failedAt");

        // the application's own monitor read its database: UP
        monitor.refresh();
        assertThat(monitor.health().getStatus()).isEqualTo(org.springframework.boot.actuate.health.Status.UP);
    }

    @Test
    void a_backlog_is_sealed_in_passes_each_committed_so_a_sealer_stopped_midway_keeps_the_passes_before() {
        long from = sealedThrough();
        freshEvents();
        freshEvents();
        freshEvents();
        long head = highestStoredIndex();
        assertThat(head - from).isGreaterThanOrEqualTo(6);
        // a sealer that dies in its second pass of two indexes (a crash, a lost connection)
        java.util.concurrent.atomic.AtomicInteger pages = new java.util.concurrent.atomic.AtomicInteger();
        SealStore failing = new SealStore(jdbc) {
            @Override
            void insertSeals(List<SealEntry> entries) {
                if (pages.incrementAndGet() == 2) {
                    throw new IllegalStateException("the sealer stopped");
                }
                super.insertSeals(entries);
            }
        };
        EventSealer dying = new EventSealer(failing, custom(BOUND, true, 2), transactionManager, clock);
        assertThatThrownBy(dying::sealPending).hasMessageContaining("the sealer stopped");
        assertThat(sealedThrough()).as("the first pass committed, the second rolled back").isEqualTo(from + 2);

        // a sealer started again goes on from there, pass after pass, to the head
        assertThat(sealer(custom(BOUND, true, 2)).sealPending()).isEqualTo((int) (head - from - 2));
        assertThat(sealedThrough()).isEqualTo(head);
        assertThat(verifier.verify(null, SealVerification.Mode.FULL, SealVerifier.Progress.NONE).verified()).isTrue();
    }

    @Test
    void a_run_of_holes_longer_than_a_pass_is_settled_and_sealed_past() {
        rolledBackInserts(25);
        long last = lastOf(freshEvents());
        // passes of 5: the run of 25 rolled-back indexes has no event in the first passes' span
        EventSealer small = sealer(custom(BOUND, true, 5));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            small.sealPending();
            return sealedThrough() >= last;
        });
        assertThat(verify().get("status")).isEqualTo("VERIFIED");
    }

    @Test
    void a_checkpoint_asked_for_with_a_backlog_beyond_a_pass_is_refused_and_recorded_once_the_sealer_has_caught_up() {
        long from = sealedThrough();
        freshEvents();
        freshEvents();
        long head = highestStoredIndex();
        assertThat(head - from).isGreaterThanOrEqualTo(4);
        long checkpoints = checkpointCount();
        EventSealer sealer = sealer(custom(BOUND, true, 3));

        assertThatThrownBy(sealer::checkpointNow)
                .isInstanceOfSatisfying(org.tremplin.shared.DomainException.class, refused -> assertThat(refused.kind())
                        .isEqualTo(org.tremplin.shared.DomainException.Kind.CONFLICT))
                .hasMessageContaining("More than 3 events after global index " + from + " are not sealed yet")
                .hasMessageContaining("the sealer seals them in the background, 3 at a time")
                .hasMessageContaining("try again once the chain has caught up");
        assertThat(checkpointCount()).as("no checkpoint recorded").isEqualTo(checkpoints);
        assertThat(sealedThrough()).as("nothing sealed in the request").isEqualTo(from);

        // the background passes catch up; then a checkpoint seals what is left within a pass and is recorded
        sealer.sealPending();
        long last = lastOf(freshEvents());
        SealCheckpoint created = sealer.checkpointNow();
        assertThat(created.globalIndex()).isEqualTo(last);
        assertThat(checkpointCount()).isEqualTo(checkpoints + 1);
    }

    @Test
    void a_checkpoint_waits_a_bounded_time_for_the_sealing_under_way_then_is_refused() throws Exception {
        long from = sealedThrough();
        freshEvents();
        long checkpoints = checkpointCount();
        java.util.concurrent.CountDownLatch sealing = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        SealStore slow = new SealStore(jdbc) {
            @Override
            void insertSeals(List<SealEntry> entries) {
                sealing.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.insertSeals(entries);
            }
        };
        SealSettings waitingHalfASecond = new SealSettings(true, settings.interval(), BOUND, true,
                settings.checkpointEvery(), settings.pageSize(), settings.passSize(), Duration.ofMillis(500));
        EventSealer sealer = new EventSealer(slow, waitingHalfASecond, transactionManager, clock);
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> pass = background.submit(sealer::sealPending);
            assertThat(sealing.await(10, TimeUnit.SECONDS)).isTrue();

            long started = System.nanoTime();
            assertThatThrownBy(sealer::checkpointNow)
                    .isInstanceOf(org.tremplin.shared.DomainException.class)
                    .hasMessageContaining("sealing a backlog on this node for more than 500 ms")
                    .hasMessageContaining("no checkpoint recorded");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
            assertThat(checkpointCount()).isEqualTo(checkpoints);

            release.countDown();
            assertThat(pass.get(30, TimeUnit.SECONDS)).isGreaterThan(0);
            assertThat(sealedThrough()).isGreaterThan(from);
            assertThat(sealer.checkpointNow().globalIndex()).isEqualTo(sealedThrough());
            assertThat(checkpointCount()).isEqualTo(checkpoints + 1);
        } finally {
            release.countDown();
            background.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ helpers

    private long checkpointCount() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM seal_checkpoint", Long.class);
    }

    private EventSealer sealer(Duration gapTimeout, boolean horizon) {
        return sealer(custom(gapTimeout, horizon, settings.passSize()));
    }

    private EventSealer sealer(SealSettings custom) {
        return new EventSealer(store, custom, transactionManager, clock);
    }

    private SealSettings custom(Duration gapTimeout, boolean horizon, int passSize) {
        return new SealSettings(true, settings.interval(), gapTimeout, horizon, settings.checkpointEvery(),
                settings.pageSize(), passSize, settings.verifyWait());
    }

    /** Registers an organisation with a member (two events, committed); their global indexes. */
    private List<Long> freshEvents() {
        String member = newUser("holes", Roles.CARRIER);
        String organisation = newOrganisation("Holes " + UUID.randomUUID().toString().substring(0, 6), "SME", member);
        List<Long> indexes = jdbc.queryForList("SELECT globalIndex FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                + " ORDER BY globalIndex", Long.class, organisation);
        assertThat(indexes).hasSizeGreaterThanOrEqualTo(2);
        return indexes;
    }

    private static long lastOf(List<Long> indexes) {
        return indexes.get(indexes.size() - 1);
    }

    /** A connection whose transaction stays open until the test commits or rolls it back. */
    private Connection openWriter() throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        openWriters.add(connection);
        return connection;
    }

    /** Inserts an event in the writer's open transaction; its global index. */
    private static long insertEvent(Connection writer, Instant timeStamp) throws SQLException {
        String id = "open-" + UUID.randomUUID();
        try (PreparedStatement insert = writer.prepareStatement("INSERT INTO DomainEventEntry (aggregateIdentifier,"
                + " sequenceNumber, type, eventIdentifier, metaData, payload, payloadRevision, payloadType, timeStamp)"
                + " VALUES (?, 0, 'Nothing', ?, ?, ?, NULL, 'java.lang.String', ?)")) {
            insert.setString(1, id);
            insert.setString(2, id);
            insert.setBytes(3, "{}".getBytes());
            insert.setBytes(4, "\"x\"".getBytes());
            insert.setString(5, timeStamp.toString());
            insert.executeUpdate();
        }
        try (PreparedStatement select = writer.prepareStatement(
                "SELECT globalIndex FROM DomainEventEntry WHERE eventIdentifier = ?")) {
            select.setString(1, id);
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getLong(1);
            }
        }
    }

    /** Inserts {@code count} events in one transaction and rolls it back: {@code count} holes. */
    private void rolledBackInserts(int count) {
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            for (int i = 0; i < count; i++) {
                String id = "rolled-back-" + UUID.randomUUID();
                jdbc.update("INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier,"
                        + " metaData, payload, payloadRevision, payloadType, timeStamp) VALUES (?, 0, 'Nothing', ?, ?, ?,"
                        + " NULL, 'java.lang.String', '2024-01-01T00:00:00Z')", id, id, "{}".getBytes(), "\"x\"".getBytes());
            }
            status.setRollbackOnly();
        });
    }

    private long sealedThrough() {
        return jdbc.queryForObject("SELECT COALESCE(MAX(global_index), 0) FROM event_seal", Long.class);
    }

    private long highestStoredIndex() {
        return jdbc.queryForObject("SELECT COALESCE(MAX(globalIndex), 0) FROM DomainEventEntry", Long.class);
    }

    private OffsetDateTime firstSeen(long index) {
        return jdbc.queryForObject("SELECT first_seen_at FROM seal_gap WHERE global_index = ?", OffsetDateTime.class,
                index);
    }

    private Map<String, Object> verify() {
        ResponseEntity<Map<String, Object>> response = post(AUDITOR, "/api/audit/verify", null);
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(200);
        return response.getBody();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> healthDetails(String user) {
        ResponseEntity<Map<String, Object>> health = get(user, "/actuator/health");
        assertThat(health.getStatusCode().value()).as("%s", health.getBody()).isEqualTo(200);
        Map<String, Object> components = (Map<String, Object>) health.getBody().get("components");
        assertThat(components).as("%s", health.getBody()).containsKey("seal");
        return (Map<String, Object>) ((Map<String, Object>) components.get("seal")).get("details");
    }
}

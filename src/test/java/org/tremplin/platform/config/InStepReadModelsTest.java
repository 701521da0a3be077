package org.tremplin.platform.config;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tremplin.organisation.api.NationalIdScheme;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.organisation.api.OrganisationRegisteredEvent;
import org.tremplin.organisation.api.RegisterOrganisationCommand;
import org.tremplin.platform.query.InStep;
import org.tremplin.support.ApiTestSupport;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A group applied in the steps (decision 11; {@code projects} by default): its handlers run in the step's own
 * transaction, a failing one parks its event without failing the step, its tracking processor passes the steps'
 * events by, handles them all again after a reset until it has caught up, and a switch back waits for the steps under
 * way and holds new ones back. A probe handler joins the {@code projects} group in this test's application only.
 */
@Import(InStepReadModelsTest.ProbeInProjects.class)
class InStepReadModelsTest extends ApiTestSupport {

    private static final String POISONED = "Poisoned in step ";

    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private CommandGateway commandGateway;
    @Autowired
    private PlatformTransactionManager transactionManager;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private InStepGroups groups;
    @Autowired
    private InStepReadModels inStep;
    @Autowired
    private ProbeInProjects probe;
    @Autowired
    private DataSource dataSource;

    /**
     * For each organisation registered, a row of a probe table, and whether each call ran in the step's transaction;
     * on a name starting "Poisoned in step ", a first row, then a failure.
     */
    @ProcessingGroup("projects")
    static class ProbeInProjects {

        final Map<String, List<Boolean>> calls = new ConcurrentHashMap<>();
        private final JdbcTemplate jdbc;

        ProbeInProjects(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @EventHandler
        void on(OrganisationRegisteredEvent event) {
            calls.computeIfAbsent(event.organisationId(), id -> new CopyOnWriteArrayList<>()).add(InStep.current());
            jdbc.update("DELETE FROM in_step_probe WHERE id = ?", event.organisationId());
            jdbc.update("INSERT INTO in_step_probe (id, name) VALUES (?, ?)", event.organisationId(), event.name());
            if (event.name().startsWith(POISONED)) {
                throw new IllegalStateException("A read-model handler failing in the step on " + event.organisationId());
            }
        }
    }

    @BeforeEach
    void probeTable() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS in_step_probe (id VARCHAR(60) PRIMARY KEY, name VARCHAR(100))");
    }

    @Test
    void a_step_writes_the_model_in_its_transaction_marks_its_event_and_the_processor_passes_it_by() {
        TrackingEventProcessor projects = projects();
        String written;
        projects.shutDown();
        try {
            written = register("Written in its step");
            // the processor stopped: the row comes from the step itself, committed with its event
            assertThat(probeRows(written)).isEqualTo(1);
            assertThat(probe.calls.get(written)).containsExactly(true);
            DomainEventMessage<?> stored = eventStore.readEvents(written).next();
            assertThat(stored.getMetaData()).containsEntry(InStep.METADATA, "projects");
            // a step that rolls back leaves neither its event nor its model's row
            String rolledBack = NationalIdScheme.OTHER.organisationId("R" + UUID.randomUUID().toString().substring(0, 9));
            assertThatThrownBy(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
                send(rolledBack, "Rolled back with its step");
                throw new IllegalStateException("the step fails after its command");
            })).hasMessageContaining("fails after its command");
            assertThat(probeRows(rolledBack)).isZero();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                    Long.class, rolledBack)).isZero();
        } finally {
            projects.start();
        }
        long head = head();
        await().atMost(Duration.ofSeconds(30)).until(() -> position(projects) >= head);
        assertThat(probe.calls.get(written)).as("the processor passed the step's event by").containsExactly(true);
    }

    @Test
    void a_failing_handler_in_the_step_parks_its_event_and_the_step_commits() {
        SequencedDeadLetterQueue<EventMessage<?>> deadLetters = processing.deadLetterQueue("projects").orElseThrow();
        String poisoned = register(POISONED + "once");
        try {
            // the step committed its event; the failing handler's own write was rolled back to its savepoint
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                    Long.class, poisoned)).isEqualTo(1);
            assertThat(probeRows(poisoned)).isZero();
            assertThat(deadLetters.contains(poisoned)).isTrue();
            assertThat(deadLetters.sequenceSize(poisoned)).isEqualTo(1);
            // the other models go on: the organisation is registered and readable
            await().atMost(Duration.ofSeconds(10)).until(() -> get(STAFF, "/api/organisations/" + poisoned)
                    .getStatusCode().value() == 200);
            String healthy = register("Healthy after a failure");
            assertThat(probeRows(healthy)).isEqualTo(1);
            assertThat(deadLetters.contains(healthy)).isFalse();
        } finally {
            deadLetters.deadLetterSequence(poisoned).forEach(deadLetters::evict);
        }
    }

    @Test
    void after_a_reset_the_processor_handles_the_steps_events_again_until_it_has_caught_up_and_switched() {
        TrackingEventProcessor projects = projects();
        await().atMost(Duration.ofSeconds(30)).until(() -> groups.rehandledTo("projects") != InStepGroups.ALL);
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> groups.forget("projects"));
        String again = register("Handled again after a reset");
        assertThat(probe.calls.get(again).get(0)).as("first in its step").isTrue();
        // the processor handles it again, in order; then, caught up, switches back at a head past it
        await().atMost(Duration.ofSeconds(30)).until(() -> probe.calls.get(again).size() == 2);
        assertThat(probe.calls.get(again).get(1)).as("then by the processor").isFalse();
        await().atMost(Duration.ofSeconds(30)).until(() -> groups.rehandledTo("projects") != InStepGroups.ALL);
        assertThat(jdbc.queryForObject("SELECT rehandled_to FROM read_model_in_step WHERE processing_group = 'projects'",
                Long.class)).isGreaterThanOrEqualTo(index(again));
        String after = register("Passed by after the switch");
        long head = head();
        await().atMost(Duration.ofSeconds(30)).until(() -> position(projects) >= head);
        assertThat(probe.calls.get(after)).containsExactly(true);
    }

    @Test
    void a_switch_waits_for_the_steps_under_way_and_holds_new_ones_back() throws Exception {
        TrackingEventProcessor projects = projects();
        await().atMost(Duration.ofSeconds(30)).until(() -> groups.rehandledTo("projects") != InStepGroups.ALL);
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        String held = NationalIdScheme.OTHER.organisationId("H" + UUID.randomUUID().toString().substring(0, 9));
        String later = NationalIdScheme.OTHER.organisationId("L" + UUID.randomUUID().toString().substring(0, 9));
        // a step under way: its event inserted and its model written, its transaction not ended yet
        CompletableFuture<Void> underWay = CompletableFuture.runAsync(() ->
                new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
                    send(held, "Held open during a switch");
                    inserted.countDown();
                    awaitLatch(release);
                }));
        assertThat(inserted.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> switching = CompletableFuture.runAsync(() -> {
            new TransactionTemplate(transactionManager).executeWithoutResult(status -> groups.forget("projects"));
            inStep.switchGroup("projects");
        });
        Thread.sleep(300);
        assertThat(switching).as("the switch waits for the step under way").isNotDone();
        CompletableFuture<Void> newStep = CompletableFuture.runAsync(() ->
                new TransactionTemplate(transactionManager).executeWithoutResult(status -> send(later, "Held back")));
        Thread.sleep(300);
        assertThat(newStep).as("a new step waits while the switch waits").isNotDone();
        release.countDown();
        underWay.get(30, TimeUnit.SECONDS);
        switching.get(30, TimeUnit.SECONDS);
        newStep.get(30, TimeUnit.SECONDS);
        long switchedAt = groups.rehandledTo("projects");
        assertThat(switchedAt).as("switched at a head with the step under way").isGreaterThanOrEqualTo(index(held));
        assertThat(index(later)).as("the held-back step's event comes after").isGreaterThan(switchedAt);
        long head = head();
        await().atMost(Duration.ofSeconds(30)).until(() -> position(projects) >= head);
        assertThat(probe.calls.get(later)).as("applied in its step, passed by").containsExactly(true);
    }

    /**
     * A request held back behind a switch longer than a step may wait (30 s; shortened here) is refused with a 503,
     * problem+json and {@code Retry-After}, and stores nothing; sent again once the switch is over, it is stored.
     */
    @Test
    void a_step_held_back_too_long_is_refused_with_a_503_and_stores_nothing() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> groups.rehandledTo("projects") != InStepGroups.ALL);
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        String open = NationalIdScheme.OTHER.organisationId("O" + UUID.randomUUID().toString().substring(0, 9));
        String code = "R" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String refused = NationalIdScheme.OTHER.organisationId(code);
        Map<String, Object> registration = Map.of("name", "Held back too long", "nationalIdScheme", "OTHER",
                "nationalId", code, "kind", "SME", "headcount", 12, "region", "Bretagne", "competences", List.of("optics"));
        CompletableFuture<Void> underWay = CompletableFuture.runAsync(() ->
                new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
                    send(open, "Held open while a request is refused");
                    inserted.countDown();
                    awaitLatch(release);
                }));
        CompletableFuture<Void> switching;
        try {
            assertThat(inserted.await(30, TimeUnit.SECONDS)).isTrue();
            switching = CompletableFuture.runAsync(() -> {
                new TransactionTemplate(transactionManager).executeWithoutResult(status -> groups.forget("projects"));
                inStep.switchGroup("projects");
            });
            Thread.sleep(300);
            assertThat(switching).as("the switch waits for the step under way").isNotDone();
            inStep.stepWait(Duration.ofMillis(300));
            ResponseEntity<Map<String, Object>> response = post(STAFF, "/api/organisations", registration);
            assertProblem(response, 503, "held this step back", "nothing was stored");
            assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("10");
        } finally {
            inStep.stepWait(InStepReadModels.STEP_WAIT);
            release.countDown();
        }
        underWay.get(30, TimeUnit.SECONDS);
        switching.get(30, TimeUnit.SECONDS);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?", Long.class,
                refused)).as("no event of the refused request").isZero();
        assertThat(probe.calls).as("no handler ran for it").doesNotContainKey(refused);
        ResponseEntity<Map<String, Object>> again = post(STAFF, "/api/organisations", registration);
        assertThat(again.getStatusCode().value()).as("sent again: %s", again.getBody()).isEqualTo(201);
        assertThat(again.getBody().get("id")).isEqualTo(refused);
        assertThat(probe.calls.get(refused)).as("applied in its step").containsExactly(true);
    }

    /**
     * On PostgreSQL a switch also waits for an insert into the event table by another node (any connection of its own,
     * its transaction under way), so that no node's step straddles it. H2 is used by one application at a time.
     */
    @Test
    void on_postgresql_a_switch_waits_for_another_node_s_event_insert() throws Exception {
        try (Connection otherNode = dataSource.getConnection()) {
            if (!"PostgreSQL".equalsIgnoreCase(otherNode.getMetaData().getDatabaseProductName())) {
                return;
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> groups.rehandledTo("projects") != InStepGroups.ALL);
            otherNode.setAutoCommit(false);
            try (Statement insert = otherNode.createStatement()) {
                insert.executeUpdate("INSERT INTO DomainEventEntry (eventIdentifier, aggregateIdentifier, sequenceNumber,"
                        + " type, timeStamp, payloadType, payload, metaData) VALUES ('other-node-" + UUID.randomUUID()
                        + "', 'other-node', 0, 'Probe', '2026-12-07T00:00:00.000Z', 'probe.Unknown', '\\x00', '\\x00')");
            }
            CompletableFuture<Void> switching = CompletableFuture.runAsync(() -> {
                new TransactionTemplate(transactionManager).executeWithoutResult(status -> groups.forget("projects"));
                inStep.switchGroup("projects");
            });
            Thread.sleep(500);
            assertThat(switching).as("the switch waits for the other node's insert").isNotDone();
            otherNode.rollback();
            switching.get(30, TimeUnit.SECONDS);
            assertThat(groups.rehandledTo("projects")).isNotEqualTo(InStepGroups.ALL);
        }
    }

    private TrackingEventProcessor projects() {
        return processing.eventProcessor("projects", TrackingEventProcessor.class).orElseThrow();
    }

    private String register(String name) {
        String id = NationalIdScheme.OTHER.organisationId("S" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> send(id, name));
        return id;
    }

    private void send(String id, String name) {
        commandGateway.sendAndWait(new RegisterOrganisationCommand(id, name, NationalIdScheme.OTHER,
                id.substring(id.indexOf('-') + 1), OrganisationKind.SME, 10, "Bretagne", List.of()));
    }

    private long probeRows(String id) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM in_step_probe WHERE id = ?", Long.class, id);
    }

    private long index(String aggregateId) {
        return jdbc.queryForObject("SELECT globalIndex FROM DomainEventEntry WHERE aggregateIdentifier = ?", Long.class,
                aggregateId);
    }

    private long head() {
        return jdbc.queryForObject("SELECT MAX(globalIndex) FROM DomainEventEntry", Long.class);
    }

    private static long position(TrackingEventProcessor processor) {
        return processor.processingStatus().values().stream()
                .mapToLong(status -> status.getCurrentPosition().orElse(-1)).min().orElse(-1);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

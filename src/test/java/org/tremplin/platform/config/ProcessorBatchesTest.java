package org.tremplin.platform.config;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tremplin.organisation.api.NationalIdScheme;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.organisation.api.OrganisationRegisteredEvent;
import org.tremplin.organisation.api.RegisterOrganisationCommand;
import org.tremplin.platform.query.BatchedWrites;
import org.tremplin.support.ApiTestSupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A tracking processor that is behind handles the events already stored in batches (one unit of work, one transaction
 * and one token update for up to {@code axon.eventhandling.processors.<name>.batch-size} events), and an event whose
 * handler fails inside such a batch is parked in the dead-letter queue alone: the other events of the batch are
 * applied and the processor goes on.
 */
@Import({ProcessorBatchesTest.FailingOnPoisonedNames.class, ProcessorBatchesTest.ProbeRowsThroughBatches.class})
class ProcessorBatchesTest extends ApiTestSupport {

    private static final String POISONED = "Poisoned ";
    private static final String WRITTEN = "Written ";
    private static final String UNWRITABLE = WRITTEN + "unwritable ";
    private static final int EVENTS = 6;

    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private CommandGateway commandGateway;
    @Autowired
    private PlatformTransactionManager transactionManager;
    @Autowired
    private FailingOnPoisonedNames handler;
    @Autowired
    private ProbeRowsThroughBatches probe;

    /**
     * A handler of the {@code organisations} model, in this test's application only: it notes the unit of work that
     * handles each registration, and fails on an organisation whose name starts with "Poisoned ".
     */
    @ProcessingGroup("organisations")
    static class FailingOnPoisonedNames {

        final Map<String, Integer> unitOfWork = new ConcurrentHashMap<>();
        final Map<String, Integer> attempts = new ConcurrentHashMap<>();

        @EventHandler
        void on(OrganisationRegisteredEvent event) {
            unitOfWork.put(event.organisationId(), System.identityHashCode(CurrentUnitOfWork.get().root()));
            attempts.merge(event.organisationId(), 1, Integer::sum);
            if (event.name().startsWith(POISONED)) {
                throw new IllegalStateException("A read-model handler failing on " + event.organisationId());
            }
        }
    }

    /**
     * A handler of the {@code funding} model (whose writes go through {@link BatchedWrites}), in this test's application
     * only: for each organisation named "Written ...", a row of a probe table written through {@link BatchedWrites};
     * for one named "Written unwritable ...", a row that succeeds and then one its table refuses (no key), which in a
     * batch fails only when the queued statements are sent. It notes which registrations it saw in a batch whose writes were queued.
     */
    @ProcessingGroup("funding")
    static class ProbeRowsThroughBatches {

        final Set<String> seenQueued = ConcurrentHashMap.newKeySet();
        private final BatchedWrites writes;

        ProbeRowsThroughBatches(JdbcTemplate jdbc) {
            this.writes = new BatchedWrites(JdbcClient.create(jdbc), jdbc, "funding-probe");
        }

        @EventHandler
        void on(OrganisationRegisteredEvent event) {
            if (!event.name().startsWith(WRITTEN)) {
                return;
            }
            if (CurrentUnitOfWork.get().root().resources().containsKey(BatchedWrites.BATCHED)) {
                seenQueued.add(event.organisationId());
            }
            boolean unwritable = event.name().startsWith(UNWRITABLE);
            if (unwritable) {
                // a first write that succeeds: whatever the failing handler wrote must not stay
                writes.write("INSERT INTO batch_probe (id, name) VALUES (?, ?)",
                        new Object[]{"partial " + event.organisationId(), event.name()},
                        "batch_probe:partial " + event.organisationId());
            }
            writes.write("INSERT INTO batch_probe (id, name) VALUES (?, ?)",
                    new Object[]{unwritable ? null : event.organisationId(), event.name()},
                    "batch_probe:" + event.organisationId());
        }
    }

    @Test
    void a_batch_whose_queued_write_fails_is_retried_statement_by_statement_and_parks_the_failing_event_alone() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS batch_probe (id VARCHAR(60) PRIMARY KEY, name VARCHAR(100))");
        TrackingEventProcessor funding = processing.eventProcessor("funding", TrackingEventProcessor.class)
                .orElseThrow();
        List<String> registered = new ArrayList<>();
        funding.shutDown();
        try {
            for (int i = 0; i < EVENTS; i++) {
                registered.add(register((i == EVENTS / 2 ? UNWRITABLE : WRITTEN) + i));
            }
        } finally {
            funding.start();
        }
        String unwritable = registered.get(EVENTS / 2);
        List<String> healthy = registered.stream().filter(id -> !id.equals(unwritable)).toList();
        SequencedDeadLetterQueue<EventMessage<?>> deadLetters = processing.deadLetterQueue("funding").orElseThrow();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters.contains(unwritable));
            // the five healthy rows, and nothing of the failing handler's (its first write rolled back to its savepoint)
            assertThat(jdbc.queryForList("SELECT id FROM batch_probe", String.class))
                    .containsExactlyInAnyOrderElementsOf(healthy);
            // the first attempt queued the writes (a batch of several stored events), and rolled back as a whole
            assertThat(probe.seenQueued).as("registrations seen in a batch whose writes were queued").isNotEmpty();
            assertThat(deadLetters.sequenceSize(unwritable)).isEqualTo(1);
            assertThat(healthy).noneMatch(deadLetters::contains);
            assertThat(funding.processingStatus().values()).noneMatch(status -> status.isErrorState());
        } finally {
            deadLetters.deadLetterSequence(unwritable).forEach(deadLetters::evict);
            jdbc.execute("DROP TABLE batch_probe");
        }
    }

    @Test
    void a_processor_behind_handles_the_stored_events_in_batches_and_parks_the_failing_one_alone() {
        TrackingEventProcessor organisations = processing.eventProcessor("organisations", TrackingEventProcessor.class)
                .orElseThrow();
        List<String> registered = new ArrayList<>();
        String poisoned;
        organisations.shutDown();
        try {
            for (int i = 0; i < EVENTS; i++) {
                registered.add(register((i == EVENTS / 2 ? POISONED : "Batched ") + i));
            }
            poisoned = registered.get(EVENTS / 2);
        } finally {
            organisations.start();
        }
        List<String> healthy = registered.stream().filter(id -> !id.equals(poisoned)).toList();
        SequencedDeadLetterQueue<EventMessage<?>> deadLetters = processing.deadLetterQueue("organisations").orElseThrow();

        await().atMost(Duration.ofSeconds(30)).until(() -> healthy.stream().allMatch(id -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM organisation WHERE id = ?", Long.class, id) == 1) && deadLetters.contains(poisoned));
        try {
            assertThat(handler.unitOfWork).containsKeys(registered.toArray(String[]::new));
            long unitsOfWork = registered.stream().map(handler.unitOfWork::get).distinct().count();
            // with a batch size of 1 each event is its own unit of work (and transaction, and token update)
            assertThat(unitsOfWork).as("units of work for %d events stored while the processor was stopped", EVENTS)
                    .isLessThan(EVENTS);
            assertThat(healthy).noneMatch(deadLetters::contains);
            assertThat(deadLetters.sequenceSize(poisoned)).isEqualTo(1);
            assertThat(organisations.processingStatus().values()).noneMatch(status -> status.isErrorState());
            // the processor went on: a later registration is applied
            String later = register("After the batch");
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                    "SELECT COUNT(*) FROM organisation WHERE id = ?", Long.class, later) == 1);
        } finally {
            deadLetters.deadLetterSequence(poisoned).forEach(deadLetters::evict);
        }
    }

    @Test
    void a_lone_step_s_event_whose_handler_fails_is_rolled_back_whole_then_parked_by_the_retry() {
        SequencedDeadLetterQueue<EventMessage<?>> deadLetters = processing.deadLetterQueue("organisations").orElseThrow();
        TrackingEventProcessor organisations = processing.eventProcessor("organisations", TrackingEventProcessor.class)
                .orElseThrow();
        // the processor live and caught up: the next registration is a batch of one event. (Its marks must not be
        // suspended, i.e. no batch of `organisations` rolled back in the last minute: the other test failing there
        // throws without a failed statement, so its batch commits with the dead letter.)
        String before = register("Before the lone failure");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM organisation WHERE id = ?", Long.class, before) == 1);

        String poisoned = register(POISONED + "alone");
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters.contains(poisoned));
            assertThat(deadLetters.sequenceSize(poisoned)).isEqualTo(1);
            // the first attempt (no savepoint) rolled back whole, its dead letter with it; the retry parked the event
            assertThat(handler.attempts.get(poisoned)).as("attempts at the failing event").isEqualTo(2);
            assertThat(organisations.processingStatus().values()).noneMatch(status -> status.isErrorState());
            String later = register("After the lone failure");
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                    "SELECT COUNT(*) FROM organisation WHERE id = ?", Long.class, later) == 1);
            assertThat(deadLetters.contains(later)).isFalse();
        } finally {
            deadLetters.deadLetterSequence(poisoned).forEach(deadLetters::evict);
        }
    }

    private String register(String name) {
        String code = "B" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String id = NationalIdScheme.OTHER.organisationId(code);
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> commandGateway.sendAndWait(
                new RegisterOrganisationCommand(id, name, NationalIdScheme.OTHER, code, OrganisationKind.SME, 10,
                        "Bretagne", List.of())));
        return id;
    }
}

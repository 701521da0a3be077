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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tremplin.organisation.api.NationalIdScheme;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.organisation.api.OrganisationRegisteredEvent;
import org.tremplin.organisation.api.RegisterOrganisationCommand;
import org.tremplin.support.ApiTestSupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
@Import(ProcessorBatchesTest.FailingOnPoisonedNames.class)
class ProcessorBatchesTest extends ApiTestSupport {

    private static final String POISONED = "Poisoned ";
    private static final int EVENTS = 6;

    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private CommandGateway commandGateway;
    @Autowired
    private PlatformTransactionManager transactionManager;
    @Autowired
    private FailingOnPoisonedNames handler;

    /**
     * A handler of the {@code organisations} model, in this test's application only: it notes the unit of work that
     * handles each registration, and fails on an organisation whose name starts with "Poisoned ".
     */
    @ProcessingGroup("organisations")
    static class FailingOnPoisonedNames {

        final Map<String, Integer> unitOfWork = new ConcurrentHashMap<>();

        @EventHandler
        void on(OrganisationRegisteredEvent event) {
            unitOfWork.put(event.organisationId(), System.identityHashCode(CurrentUnitOfWork.get().root()));
            if (event.name().startsWith(POISONED)) {
                throw new IllegalStateException("A read-model handler failing on " + event.organisationId());
            }
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

    private String register(String name) {
        String code = "B" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String id = NationalIdScheme.OTHER.organisationId(code);
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> commandGateway.sendAndWait(
                new RegisterOrganisationCommand(id, name, NationalIdScheme.OTHER, code, OrganisationKind.SME, 10,
                        "Bretagne", List.of())));
        return id;
    }
}

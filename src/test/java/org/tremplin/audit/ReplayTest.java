package org.tremplin.audit;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tremplin.audit.replay.ReadModelChecksums;
import org.tremplin.audit.replay.ReadModelResetMarks;
import org.tremplin.audit.replay.ReadModelTables;
import org.tremplin.platform.query.ReadModelReset;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The replay scenarios on H2 (the default database), and the marks of its truncating resets, which exist on H2 only
 * (an H2 file has one node; on PostgreSQL the reset is one transaction, and the PostgreSQL tests' JVM runs several
 * applications on one database, whose processors would take a released token).
 */
class ReplayTest extends ReplayScenarios {

    @Autowired
    private ReadModelResetMarks resetMarks;
    @Autowired
    private ReadModelChecksums checksums;
    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private PlatformTransactionManager transactionManager;
    @Autowired
    private org.axonframework.eventsourcing.eventstore.EventStore eventStore;

    @Test
    void a_reset_left_marked_by_a_failure_or_a_stop_is_finished_and_the_model_rebuilt_from_the_events() {
        String projectId = projectWithConsortium();
        awaitProject(STAFF, projectId, p -> !((List<?>) p.get("partners")).isEmpty());
        TrackingEventProcessor projects = processing.eventProcessor("projects", TrackingEventProcessor.class)
                .orElseThrow();
        List<String> tables = ReadModelTables.BY_PROCESSING_GROUP.get("projects");
        long head = jdbc.queryForObject("SELECT MAX(globalIndex) FROM DomainEventEntry", Long.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> projects.processingStatus().values().stream()
                .allMatch(status -> status.getCurrentPosition().orElse(-1) >= head));
        String before = checksums.checksum(tables).sha256();
        projects.shutDown();
        try {
            // a reset whose transaction fails after the handlers ran, before the tokens' reset: their TRUNCATEs are
            // committed, and the mark names every table they emptied
            resetMarks.mark("projects", tables);
            assertThatThrownBy(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
                ReadModelReset.truncating(emptied -> resetMarks.cover("projects", emptied),
                        () -> projects.eventHandlerInvoker().performReset());
                throw new IllegalStateException("stopped before the tokens' reset");
            })).hasMessageContaining("before the tokens' reset");
            assertThat(resetMarks.pending()).containsExactly("projects");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM project_partner", Long.class)).isZero();
            assertThat(resetMarks.tables("projects")).containsExactlyInAnyOrderElementsOf(tables);
            // a letter of the project's, parked before the reset: left over, it would keep the project out of the model
            var letters = processing.deadLetterQueue("projects").orElseThrow();
            var first = eventStore.readEvents(projectId).next();
            new TransactionTemplate(transactionManager).executeWithoutResult(status -> letters.enqueue(projectId,
                    new org.axonframework.messaging.deadletter.GenericDeadLetter<>(projectId, first,
                            new IllegalStateException("a handler failure, since mended"))));

            assertThat(resetMarks.finish("projects")).as("a marked reset finished").isTrue();

            assertThat(letters.contains(projectId)).as("the letter, cleared with the reset").isFalse();

            assertThat(resetMarks.pending()).isEmpty();
            for (String table : tables) {
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class)).as(table).isZero();
            }
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM TokenEntry WHERE processorName = 'projects'"
                    + " AND (token IS NOT NULL OR owner IS NOT NULL)", Long.class)).as("tokens back to the start").isZero();
        } finally {
            projects.start();
        }
        // the processor replays the store from its start: the model comes back as it was, partners included
        await().atMost(Duration.ofSeconds(60)).until(() -> checksums.checksum(tables).sha256().equals(before));
        assertThat(((List<?>) get(STAFF, "/api/projects/" + projectId).getBody().get("partners"))).isNotEmpty();
        assertThat(resetMarks.finish("projects")).as("no mark: nothing to finish").isFalse();
        assertThat(checksums.checksum(tables).sha256()).as("no mark: nothing done").isEqualTo(before);
    }

}

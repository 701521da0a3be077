package org.tremplin.audit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.tremplin.platform.query.AsOfCheckpointBuilder;
import org.tremplin.platform.query.AsOfCheckpointSubjects;
import org.tremplin.platform.query.AsOfCheckpoints;
import org.tremplin.platform.query.ScratchDatabases;
import org.tremplin.support.ApiTestSupport;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The "as of" checkpoints stored ahead of the auditors (decision 5): the builder looks through the events, stores a
 * project's state every four of its events (the interval made small here; 250 in production), and the views answer
 * from those stored states exactly what the live read model showed; a node stopping midway leaves its range to be
 * looked through again, and a second node's builder finds nothing left to do.
 * The builder runs when the test says (its background interval off).
 */
@TestPropertySource(properties = {"tremplin.audit.as-of.checkpoint-every=4",
        "tremplin.audit.as-of.checkpoint-scan-interval=0"})
abstract class AsOfCheckpointScenarios extends ApiTestSupport {

    @Autowired
    private AsOfCheckpointBuilder builder;
    @Autowired
    private AsOfCheckpoints checkpoints;
    @Autowired
    private List<AsOfCheckpointSubjects> views;
    @Autowired
    private ScratchDatabases scratchDatabases;
    @Autowired
    private PlatformTransactionManager transactionManager;

    @Test
    void the_builder_stores_a_project_every_four_events_and_the_past_views_answer_from_them_as_the_live_model_did() {
        ObservedLabelling labelling = refusedLabellingObserved("Checkpoint");
        String projectId = labelling.projectId();
        List<Observation> observations = labelling.observations();

        // a node that stops in the middle of a range (here: after its first checkpoint was stored) leaves nothing of
        // that range behind: neither the checkpoints it stored nor a new position
        Long positionBefore = position();
        AtomicInteger calls = new AtomicInteger();
        AsOfCheckpointSubjects crashing = (type, id, at) -> {
            int stored = 0;
            for (AsOfCheckpointSubjects view : views) {
                stored += view.checkpointAfter(type, id, at);
            }
            if (stored > 0 && calls.incrementAndGet() == 1) {
                throw new SimulatedCrash();
            }
            return stored;
        };
        assertThatThrownBy(() -> new AsOfCheckpointBuilder(jdbc, transactionManager, checkpoints, List.of(crashing), 4,
                Duration.ZERO).buildUntilCaughtUp()).isInstanceOf(SimulatedCrash.class);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM as_of_checkpoint WHERE view_key = ?", Integer.class,
                "project " + projectId)).isZero();
        assertThat(position()).isEqualTo(positionBefore);

        assertThat(builder.buildUntilCaughtUp()).isPositive();
        int projectEvents = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                Integer.class, projectId);
        List<Integer> stored = jdbc.queryForList("SELECT steps FROM as_of_checkpoint WHERE view_key = ?"
                + " AND code_version = ? ORDER BY steps", Integer.class, "project " + projectId, checkpoints.codeVersion());
        assertThat(projectEvents).isGreaterThanOrEqualTo(12);
        assertThat(stored).as("one state per four of the project's %d events", projectEvents)
                .hasSize(projectEvents / 4).allMatch(steps -> steps >= 4);
        // a second node's builder: every range was claimed, nothing is left to build
        assertThat(new AsOfCheckpointBuilder(jdbc, transactionManager, checkpoints, views, 4, Duration.ZERO)
                .buildUntilCaughtUp()).isZero();

        // nothing of this project was replayed on this node yet: the views start from the stored states
        long restoredBefore = scratchDatabases.checkpointsRestored();
        for (Observation observation : observations) {
            ResponseEntity<Map<String, Object>> asOf = get(AUDITOR, "/api/projects/" + projectId + "?asOf=" + observation.at());
            assertThat(asOf.getStatusCode().value()).isEqualTo(200);
            assertThat(asOf.getBody()).as("as of %s", observation.at()).isEqualTo(observation.seen());
        }
        assertThat(scratchDatabases.checkpointsRestored()).as("stored states restored").isGreaterThan(restoredBefore);
    }

    /** This code version's scan position; null before its first claim. */
    private Long position() {
        return jdbc.query("SELECT scanned_to FROM as_of_checkpoint_scan WHERE code_version = ?",
                rs -> rs.next() ? rs.getLong(1) : null, checkpoints.codeVersion());
    }

    /** A node stopping abruptly, as far as its transaction can tell. */
    private static final class SimulatedCrash extends Error {
    }
}

package org.tremplin.project.query;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tremplin.platform.query.AsOfCheckpointSubjects;
import org.tremplin.platform.query.ScratchDatabases;
import org.tremplin.platform.query.StoredEvents;
import org.tremplin.project.api.FindProjectQuery;
import org.tremplin.project.api.ProjectView;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A project as it stood at an instant, rebuilt from its events up to that instant, never read from the
 * live read model. The events go through the very same {@link ProjectProjection} code, into a throwaway
 * in-memory database with the same schema (see {@link ScratchDatabases}), so the answer equals what the read model
 * showed then. The events to fold are listed from the stored rows (sequence and time, no payload); when a kept
 * database already holds the state after the first of them, only the rest are read and folded
 * ({@link ScratchDatabases#withReplay}).
 */
@Component
public class ProjectAsOf implements AsOfCheckpointSubjects {

    /** The project aggregate's type, as the event store names it. */
    private static final String PROJECT_STREAM = "Project";

    private final StoredEvents storedEvents;
    private final ScratchDatabases scratchDatabases;

    public ProjectAsOf(StoredEvents storedEvents, ScratchDatabases scratchDatabases) {
        this.storedEvents = storedEvents;
        this.scratchDatabases = scratchDatabases;
    }

    public Optional<ProjectView> project(String projectId, Instant asOf) {
        List<ScratchDatabases.Step> steps = steps(projectId, asOf);
        if (steps.isEmpty()) {
            return Optional.empty();
        }
        try {
            return scratchDatabases.withReplay(key(projectId), steps, this::fold,
                    jdbc -> new ProjectProjection(jdbc).handle(new FindProjectQuery(projectId)));
        } catch (RuntimeException e) {
            throw new IllegalStateException("Project " + projectId + " could not be rebuilt as of " + asOf, e);
        }
    }

    /** A project stream reached a checkpoint interval: the project's state as of then is stored. */
    @Override
    public int checkpointAfter(String aggregateType, String aggregateId, Instant at) {
        if (!PROJECT_STREAM.equals(aggregateType)) {
            return 0;
        }
        return scratchDatabases.storeCheckpoint(key(aggregateId), steps(aggregateId, at), this::fold) ? 1 : 0;
    }

    private static String key(String projectId) {
        return "project " + projectId;
    }

    private List<ScratchDatabases.Step> steps(String projectId, Instant asOf) {
        return storedEvents.until(projectId, asOf).stream()
                .map(row -> new ScratchDatabases.Step(row.aggregate(), row.sequence(), 0)).toList();
    }

    private void fold(JdbcClient jdbc, List<ScratchDatabases.Step> fold) throws Exception {
        if (fold.isEmpty()) {
            return; // a kept state holds every step (building the handlers costs more than the query)
        }
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(new ProjectProjection(jdbc));
        for (DomainEventMessage<?> event : storedEvents.load(fold)) {
            handlers.handle(event);
        }
    }
}

package org.tremplin.project.query;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;
import org.tremplin.project.api.FindProjectQuery;
import org.tremplin.platform.query.ScratchDatabases;
import org.tremplin.project.api.ProjectView;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A project as it stood at an instant, rebuilt from its events up to that instant, never read from the
 * live read model. The events go through the very same {@link ProjectProjection} code, into a throwaway
 * in-memory database with the same schema (migrated once and emptied after each use, see {@link ScratchDatabases}),
 * so the answer equals what the read model showed then.
 */
@Component
public class ProjectAsOf {

    private final EventStore eventStore;
    private final ScratchDatabases scratchDatabases;

    public ProjectAsOf(EventStore eventStore, ScratchDatabases scratchDatabases) {
        this.eventStore = eventStore;
        this.scratchDatabases = scratchDatabases;
    }

    public Optional<ProjectView> project(String projectId, Instant asOf) {
        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(projectId).asStream()
                .filter(event -> !event.getTimestamp().isAfter(asOf))
                .toList();
        if (events.isEmpty()) {
            return Optional.empty();
        }
        return scratchDatabases.withScratch(jdbc -> {
            try {
                ProjectProjection projection = new ProjectProjection(jdbc);
                AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
                for (DomainEventMessage<?> event : events) {
                    handlers.handle(event);
                }
                return projection.handle(new FindProjectQuery(projectId));
            } catch (Exception e) {
                throw new IllegalStateException("Project " + projectId + " could not be rebuilt as of " + asOf, e);
            }
        });
    }
}

package org.tremplin.project.query;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;
import org.tremplin.project.api.FindProjectQuery;
import org.tremplin.project.api.ProjectView;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A project as it stood at an instant, rebuilt from its events up to that instant, never read from the
 * live read model. The events go through the very same {@link ProjectProjection} code, into a throwaway
 * in-memory database with the same schema, so the answer equals what the read model showed then.
 */
@Component
public class ProjectAsOf {

    private final EventStore eventStore;

    public ProjectAsOf(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public Optional<ProjectView> project(String projectId, Instant asOf) {
        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(projectId).asStream()
                .filter(event -> !event.getTimestamp().isAfter(asOf))
                .toList();
        if (events.isEmpty()) {
            return Optional.empty();
        }
        SingleConnectionDataSource scratch = new SingleConnectionDataSource(
                "jdbc:h2:mem:as-of-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=0", "sa", "", true);
        try {
            Flyway.configure().dataSource(scratch).locations("classpath:db/migration/common", "classpath:db/migration/h2").load().migrate();
            ProjectProjection projection = new ProjectProjection(JdbcClient.create(scratch));
            AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
            for (DomainEventMessage<?> event : events) {
                handlers.handle(event);
            }
            return projection.handle(new FindProjectQuery(projectId));
        } catch (Exception e) {
            throw new IllegalStateException("Project " + projectId + " could not be rebuilt as of " + asOf, e);
        } finally {
            scratch.destroy();
        }
    }
}

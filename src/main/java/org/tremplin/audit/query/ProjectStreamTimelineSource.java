package org.tremplin.audit.query;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/** The project's own aggregate stream (its id is the aggregate id), read from the Axon event store. */
@Component
@Order(0)
class ProjectStreamTimelineSource implements TimelineSource {

    private final EventStore eventStore;

    ProjectStreamTimelineSource(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public String name() {
        return "project";
    }

    @Override
    public Stream<? extends DomainEventMessage<?>> eventsOf(String projectId) {
        return eventStore.readEvents(projectId).asStream();
    }

    @Override
    public List<String> aggregatesOf(String projectId,
                                     Function<Set<Class<?>>, List<? extends DomainEventMessage<?>>> linking) {
        return List.of(projectId);
    }

    @Override
    public boolean sortsByTime() {
        return false;
    }
}

package org.tremplin.audit.query;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.tremplin.project.api.RequestPreLabelCommand;

import java.util.List;
import java.util.stream.Stream;

/**
 * The project's pre-label file (issue 13; its id is derived from the project's): each round's request, orientation
 * and opinion, in order.
 */
@Component
@Order(4)
class PreLabelTimelineSource implements TimelineSource {

    private final EventStore eventStore;

    PreLabelTimelineSource(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public String name() {
        return "pre-label";
    }

    @Override
    public List<String> aggregatesOf(String projectId,
                                     java.util.function.Function<java.util.Set<Class<?>>, List<? extends DomainEventMessage<?>>> linking) {
        return List.of(RequestPreLabelCommand.idOf(projectId));
    }

    @Override
    public Stream<? extends DomainEventMessage<?>> eventsOf(String projectId) {
        return eventStore.readEvents(RequestPreLabelCommand.idOf(projectId)).asStream();
    }
}

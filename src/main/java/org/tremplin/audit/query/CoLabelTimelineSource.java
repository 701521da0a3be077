package org.tremplin.audit.query;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.tremplin.project.api.CoLabelView;
import org.tremplin.project.api.FindCoLabelsOfProjectQuery;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The project's requests to partner poles (co-labelling; their ids from the read model, their events from the event
 * store): asked, granted or refused with the pole's conclusions, withdrawn, in time order.
 */
@Component
@Order(6)
class CoLabelTimelineSource implements TimelineSource {

    private final EventStore eventStore;
    private final QueryGateway queryGateway;

    CoLabelTimelineSource(EventStore eventStore, QueryGateway queryGateway) {
        this.eventStore = eventStore;
        this.queryGateway = queryGateway;
    }

    @Override
    public String name() {
        return "co-labelling";
    }

    @Override
    public List<String> aggregatesOf(String projectId,
                                     Function<Set<Class<?>>, List<? extends DomainEventMessage<?>>> linking) {
        return ids(projectId);
    }

    @Override
    public Stream<? extends DomainEventMessage<?>> eventsOf(String projectId) {
        return TimelineSource.byTime(eventStore, ids(projectId));
    }

    private List<String> ids(String projectId) {
        return queryGateway.query(new FindCoLabelsOfProjectQuery(projectId),
                ResponseTypes.multipleInstancesOf(CoLabelView.class)).join()
                .stream().map(CoLabelView::id).toList();
    }
}

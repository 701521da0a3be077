package org.tremplin.audit.query;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.tremplin.investment.api.FindRoundIdsOfProjectQuery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The investment rounds opened for the project's company (their ids from the investment read model, their events from
 * the event store): opening, invitations, NDAs, commitments, allocations, close or cancellation, in time order.
 */
@Component
@Order(2)
class InvestmentTimelineSource implements TimelineSource {

    private final EventStore eventStore;
    private final QueryGateway queryGateway;

    InvestmentTimelineSource(EventStore eventStore, QueryGateway queryGateway) {
        this.eventStore = eventStore;
        this.queryGateway = queryGateway;
    }

    @Override
    public String name() {
        return "investment";
    }

    @Override
    public List<String> aggregatesOf(String projectId,
                                     java.util.function.Function<java.util.Set<Class<?>>, List<? extends DomainEventMessage<?>>> linking) {
        return queryGateway.query(new FindRoundIdsOfProjectQuery(projectId),
                ResponseTypes.multipleInstancesOf(String.class)).join();
    }

    @Override
    public Stream<? extends DomainEventMessage<?>> eventsOf(String projectId) {
        List<String> rounds = queryGateway.query(new FindRoundIdsOfProjectQuery(projectId),
                ResponseTypes.multipleInstancesOf(String.class)).join();
        List<DomainEventMessage<?>> events = new ArrayList<>();
        rounds.forEach(id -> eventStore.readEvents(id).asStream().forEach(events::add));
        events.sort(Comparator.comparing(DomainEventMessage::getTimestamp));
        return events.stream();
    }
}

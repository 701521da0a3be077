package org.tremplin.audit.query;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.tremplin.project.api.FindIpPreDiagnosesOfProjectQuery;
import org.tremplin.project.api.IpPreDiagnosisView;

import java.util.List;
import java.util.stream.Stream;

/**
 * The IP pre-diagnoses of the project's SMEs (their ids from the read model, their events from the event store):
 * requested, findings recorded, summary shared, in time order. Their timeline lines name the steps, never the
 * confidential findings ({@link TimelineSummaries}).
 */
@Component
@Order(3)
class IpPreDiagnosisTimelineSource implements TimelineSource {

    private final EventStore eventStore;
    private final QueryGateway queryGateway;

    IpPreDiagnosisTimelineSource(EventStore eventStore, QueryGateway queryGateway) {
        this.eventStore = eventStore;
        this.queryGateway = queryGateway;
    }

    @Override
    public String name() {
        return "ip-pre-diagnosis";
    }

    @Override
    public List<String> aggregatesOf(String projectId,
                                     java.util.function.Function<java.util.Set<Class<?>>, List<? extends DomainEventMessage<?>>> linking) {
        return ids(projectId);
    }

    @Override
    public Stream<? extends DomainEventMessage<?>> eventsOf(String projectId) {
        return TimelineSource.byTime(eventStore, ids(projectId));
    }

    private List<String> ids(String projectId) {
        return queryGateway.query(new FindIpPreDiagnosesOfProjectQuery(projectId),
                ResponseTypes.multipleInstancesOf(IpPreDiagnosisView.class)).join()
                .stream().map(IpPreDiagnosisView::id).toList();
    }
}

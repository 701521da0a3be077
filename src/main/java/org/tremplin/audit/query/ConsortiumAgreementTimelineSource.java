package org.tremplin.audit.query;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.tremplin.project.api.SetConsortiumAgreementTermsCommand;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The project's consortium agreement (one stream, {@code CA-<project>}): drafted, terms changed, each signature, fully
 * signed.
 */
@Component
@Order(4)
class ConsortiumAgreementTimelineSource implements TimelineSource {

    private final EventStore eventStore;

    ConsortiumAgreementTimelineSource(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public String name() {
        return "consortium-agreement";
    }

    @Override
    public List<String> aggregatesOf(String projectId,
                                     Function<Set<Class<?>>, List<? extends DomainEventMessage<?>>> linking) {
        return List.of(SetConsortiumAgreementTermsCommand.idOf(projectId));
    }

    @Override
    public Stream<? extends DomainEventMessage<?>> eventsOf(String projectId) {
        return eventStore.readEvents(SetConsortiumAgreementTermsCommand.idOf(projectId)).asStream();
    }
}

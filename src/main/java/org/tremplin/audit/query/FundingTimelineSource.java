package org.tremplin.audit.query;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.tremplin.funding.api.RecordStateAidCommand;
import org.tremplin.funding.api.SubmitFundingApplicationCommand;
import org.tremplin.project.api.FundingCallsChosenEvent;
import org.tremplin.project.api.IdeaSubmittedEvent;
import org.tremplin.project.api.PartnerInvitedEvent;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The funding streams attached to a project, found from its own stream without scanning the store: one application
 * per chosen call ({@code APP-<project>-<call code>}, holding its decision, conventions, statements and payments) and
 * one cross-funder state-aid ledger per partner ({@code AID-<project>-<organisation>}), merged in time order.
 */
@Component
@Order(1)
class FundingTimelineSource implements TimelineSource {

    private static final String CALL_PREFIX = "CALL-";

    private final EventStore eventStore;

    FundingTimelineSource(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public String name() {
        return "funding";
    }

    @Override
    public Stream<? extends DomainEventMessage<?>> eventsOf(String projectId) {
        Set<String> applications = new LinkedHashSet<>();
        Set<String> organisations = new LinkedHashSet<>();
        eventStore.readEvents(projectId).asStream().map(DomainEventMessage::getPayload).forEach(payload -> {
            if (payload instanceof FundingCallsChosenEvent chosen) {
                chosen.callIds().stream().filter(id -> id.startsWith(CALL_PREFIX))
                        .forEach(id -> applications.add(SubmitFundingApplicationCommand.applicationId(projectId,
                                id.substring(CALL_PREFIX.length()))));
            } else if (payload instanceof IdeaSubmittedEvent idea) {
                organisations.add(idea.carrierOrganisationId());
            } else if (payload instanceof PartnerInvitedEvent invited) {
                organisations.add(invited.organisationId());
            }
        });
        if (applications.isEmpty()) {
            return Stream.empty();
        }
        List<String> streams = Stream.concat(applications.stream(),
                organisations.stream().map(organisation -> RecordStateAidCommand.ledgerId(projectId, organisation))).toList();
        // each stream is in order; together they are put in time order (stable: at equal times, stream order)
        List<DomainEventMessage<?>> events = new java.util.ArrayList<>();
        streams.forEach(id -> eventStore.readEvents(id).asStream().forEach(events::add));
        events.sort(java.util.Comparator.comparing(DomainEventMessage::getTimestamp));
        return events.stream();
    }
}

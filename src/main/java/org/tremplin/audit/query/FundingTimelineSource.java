package org.tremplin.audit.query;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.tremplin.funding.api.RecordStateAidCommand;
import org.tremplin.funding.api.SubmitFundingApplicationCommand;
import org.tremplin.project.api.ConclusionsCommunicatedEvent;
import org.tremplin.project.api.FundingCallsChosenEvent;
import org.tremplin.project.api.GrowthPlannedEvent;
import org.tremplin.project.api.IdeaSubmittedEvent;
import org.tremplin.project.api.InvitationDeclinedEvent;
import org.tremplin.project.api.LabelGrantedEvent;
import org.tremplin.project.api.LabelRefusedEvent;
import org.tremplin.project.api.NdaSignedEvent;
import org.tremplin.project.api.PartnerInvitedEvent;
import org.tremplin.project.api.PartnerJoinedEvent;
import org.tremplin.project.api.ProjectAbandonedEvent;
import org.tremplin.project.api.ProjectClosedEvent;
import org.tremplin.project.api.ProjectEvent;
import org.tremplin.project.api.ProjectSubmittedForLabellingEvent;
import org.tremplin.project.api.ResearchStartedEvent;
import org.tremplin.project.api.ReviewRecordedEvent;
import org.tremplin.project.api.ReviewReminderSentEvent;
import org.tremplin.project.api.ReviewersAssignedEvent;

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

    /**
     * The project event types whose {@link Links} visit links a stream: only these are deserialized to find the links
     * (a timeline of 10⁴ events reads its other payloads only for the page shown). A visit that links a stream must have
     * its event type here.
     */
    private static final Set<Class<?>> LINKING = Set.of(FundingCallsChosenEvent.class, IdeaSubmittedEvent.class,
            PartnerInvitedEvent.class, org.tremplin.project.api.HistoricalProjectImportedEvent.class);

    @Override
    public Stream<? extends DomainEventMessage<?>> eventsOf(String projectId) {
        return eventsOf(projectId, eventStore.readEvents(projectId).asStream().toList());
    }

    @Override
    public Stream<? extends DomainEventMessage<?>> eventsOf(String projectId,
                                                            List<? extends DomainEventMessage<?>> projectStream) {
        List<String> streams = streams(projectId, projectStream.stream()
                .filter(event -> LINKING.contains(event.getPayloadType())).toList());
        if (streams.isEmpty()) {
            return Stream.empty();
        }
        // each stream is in order; together they are put in time order (stable: at equal times, stream order)
        List<DomainEventMessage<?>> events = new java.util.ArrayList<>();
        streams.forEach(id -> eventStore.readEvents(id).asStream().forEach(events::add));
        events.sort(java.util.Comparator.comparing(DomainEventMessage::getTimestamp));
        return events.stream();
    }

    @Override
    public List<String> aggregatesOf(String projectId,
                                     java.util.function.Function<Set<Class<?>>, List<? extends DomainEventMessage<?>>> linking) {
        return streams(projectId, linking.apply(LINKING));
    }

    /** The applications, then the ledgers, linked by these project events (none without an application). */
    private static List<String> streams(String projectId, List<? extends DomainEventMessage<?>> linkingEvents) {
        Links links = new Links(projectId);
        linkingEvents.stream().map(DomainEventMessage::getPayload)
                .filter(ProjectEvent.class::isInstance).forEach(payload -> ((ProjectEvent) payload).accept(links));
        if (links.applications.isEmpty() && !links.historical) {
            return List.of();
        }
        return Stream.concat(links.applications.stream(),
                links.organisations.stream().map(organisation -> RecordStateAidCommand.ledgerId(projectId, organisation))).toList();
    }

    /**
     * What a project event links to the project: a chosen call its application, the carrier and every invited partner
     * their state-aid ledgers. Every project event is asked (a new one must say whether it links a stream).
     */
    private static final class Links implements ProjectEvent.Visitor<Void> {

        private final String projectId;
        final Set<String> applications = new LinkedHashSet<>();
        final Set<String> organisations = new LinkedHashSet<>();
        /** Imported history: its aid sits on the coordinator's ledger without any application. */
        boolean historical;

        Links(String projectId) {
            this.projectId = projectId;
        }

        @Override
        public Void visit(ConclusionsCommunicatedEvent event) {
            return null;
        }

        @Override
        public Void visit(org.tremplin.project.api.ConsortiumAgreementDraftedEvent event) {
            return null;
        }

        @Override
        public Void visit(org.tremplin.project.api.ConsortiumAgreementFullySignedEvent event) {
            return null;
        }

        @Override
        public Void visit(org.tremplin.project.api.ConsortiumAgreementSignedEvent event) {
            return null;
        }

        @Override
        public Void visit(org.tremplin.project.api.ConsortiumAgreementTermsChangedEvent event) {
            return null;
        }

        @Override
        public Void visit(org.tremplin.project.api.ModelAgreementPublishedEvent event) {
            return null;
        }

        @Override
        public Void visit(FundingCallsChosenEvent event) {
            event.callIds().stream().filter(id -> id.startsWith(CALL_PREFIX))
                    .forEach(id -> applications.add(SubmitFundingApplicationCommand.applicationId(projectId,
                            id.substring(CALL_PREFIX.length()))));
            return null;
        }

        @Override
        public Void visit(GrowthPlannedEvent event) {
            return null;
        }

        /** Imported history: the aid the funder allocated sits on the coordinator's ledger. */
        @Override
        public Void visit(org.tremplin.project.api.HistoricalProjectImportedEvent event) {
            if (event.coordinatorOrganisationId() != null) {
                organisations.add(event.coordinatorOrganisationId());
                historical = true;
            }
            return null;
        }

        @Override
        public Void visit(IdeaSubmittedEvent event) {
            organisations.add(event.carrierOrganisationId());
            return null;
        }

        @Override
        public Void visit(InvitationDeclinedEvent event) {
            return null;
        }

        @Override
        public Void visit(org.tremplin.project.api.CoLabelRequestedEvent event) {
            return null;
        }

        @Override
        public Void visit(org.tremplin.project.api.CoLabelGrantedEvent event) {
            return null;
        }

        @Override
        public Void visit(org.tremplin.project.api.CoLabelRefusedEvent event) {
            return null;
        }

        @Override
        public Void visit(org.tremplin.project.api.CoLabelRequestWithdrawnEvent event) {
            return null;
        }

        @Override
        public Void visit(org.tremplin.project.api.IpPreDiagnosisFindingsRecordedEvent event) {
            return null;
        }

        @Override
        public Void visit(org.tremplin.project.api.IpPreDiagnosisRequestedEvent event) {
            return null;
        }

        @Override
        public Void visit(org.tremplin.project.api.IpPreDiagnosisSummarySharedEvent event) {
            return null;
        }

        @Override
        public Void visit(LabelGrantedEvent event) {
            return null;
        }

        @Override
        public Void visit(LabelRefusedEvent event) {
            return null;
        }

        @Override
        public Void visit(NdaSignedEvent event) {
            return null;
        }

        @Override
        public Void visit(PartnerInvitedEvent event) {
            organisations.add(event.organisationId());
            return null;
        }

        @Override
        public Void visit(PartnerJoinedEvent event) {
            return null;
        }

        @Override
        public Void visit(org.tremplin.project.api.PreLabelRequestedEvent event) {
            return null;
        }

        @Override
        public Void visit(org.tremplin.project.api.PreLabelOrientationComputedEvent event) {
            return null;
        }

        @Override
        public Void visit(org.tremplin.project.api.PreLabelOpinionGivenEvent event) {
            return null;
        }

        @Override
        public Void visit(org.tremplin.project.api.PreLabelRoundClosedEvent event) {
            return null;
        }

        @Override
        public Void visit(ProjectAbandonedEvent event) {
            return null;
        }

        @Override
        public Void visit(ProjectClosedEvent event) {
            return null;
        }

        @Override
        public Void visit(ProjectSubmittedForLabellingEvent event) {
            return null;
        }

        @Override
        public Void visit(ResearchStartedEvent event) {
            return null;
        }

        @Override
        public Void visit(ReviewRecordedEvent event) {
            return null;
        }

        @Override
        public Void visit(ReviewReminderSentEvent event) {
            return null;
        }

        @Override
        public Void visit(org.tremplin.project.api.RefusalContestedEvent event) {
            return null;
        }

        @Override
        public Void visit(org.tremplin.project.api.RedressDeadlinePassedEvent event) {
            return null;
        }

        @Override
        public Void visit(org.tremplin.project.api.RefusalConfirmedEvent event) {
            return null;
        }

        @Override
        public Void visit(org.tremplin.project.api.FileSentBackForReviewEvent event) {
            return null;
        }

        @Override
        public Void visit(ReviewersAssignedEvent event) {
            return null;
        }
    }
}

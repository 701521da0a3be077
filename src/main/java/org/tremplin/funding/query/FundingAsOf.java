package org.tremplin.funding.query;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tremplin.funding.api.ConventionView;
import org.tremplin.funding.api.FindConventionQuery;
import org.tremplin.funding.api.FindFundingSummaryQuery;
import org.tremplin.funding.api.FundingApplicationSubmittedEvent;
import org.tremplin.funding.api.FundingSummaryView;
import org.tremplin.funding.api.GrantedAid;
import org.tremplin.funding.api.HistoricalStateAidImportedEvent;
import org.tremplin.funding.api.StateAidRecordedEvent;
import org.tremplin.funding.api.RecordStateAidCommand;
import org.tremplin.funding.api.SubmitFundingApplicationCommand;
import org.tremplin.platform.query.AsOfCheckpointSubjects;
import org.tremplin.platform.query.ScratchDatabases;
import org.tremplin.platform.query.StoredEvents;
import org.tremplin.project.api.FundingCallsChosenEvent;
import org.tremplin.project.api.IdeaSubmittedEvent;
import org.tremplin.project.api.PartnerInvitedEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A project's funding, or one convention, as it stood at an instant: rebuilt from the events up to that instant, never
 * read from the live read model. The events of the project's funding streams (one application per chosen call, one
 * state-aid ledger per partner) and of the funders they name go through the very same {@link FundingProjection} and
 * {@link FunderProjection} code into a throwaway in-memory database migrated with the same Flyway migrations (migrated
 * once and emptied after each use, see {@link ScratchDatabases}), and the
 * very same {@link FundingQueries} answer; so the answer equals what the live read model showed then.
 *
 * <p>The streams are found from the project's own stream as it stood then (the calls chosen, the carrier and the invited
 * partners), as the audit timeline finds them, without scanning the store. The events to fold are listed from the
 * stored rows (stream, sequence, time: no payload); when a kept database already holds the state after the first of
 * them, only the rest are read and folded ({@link ScratchDatabases#withReplay}).
 */
@Component
public class FundingAsOf implements AsOfCheckpointSubjects {

    /** The aggregate types of the funding streams, as the event store names them. */
    private static final String APPLICATION_STREAM = "FundingApplication";
    private static final String LEDGER_STREAM = "StateAidLedger";


    private static final String CALL_PREFIX = "CALL-";
    private static final int REGISTRY = 0;
    private static final int FUNDING = 1;
    private static final Instant ALL_TIME = Instant.MAX;

    private final StoredEvents storedEvents;
    private final ScratchDatabases scratchDatabases;

    public FundingAsOf(StoredEvents storedEvents, ScratchDatabases scratchDatabases) {
        this.storedEvents = storedEvents;
        this.scratchDatabases = scratchDatabases;
    }

    /** The project's funding summary at that instant; empty if the project did not exist yet. */
    public Optional<FundingSummaryView> summary(String projectId, Instant asOf) {
        return rebuild(projectId, asOf, queries -> queries.handle(new FindFundingSummaryQuery(projectId)));
    }

    /** The convention at that instant; empty if it (or its project) did not exist yet. */
    public Optional<ConventionView> convention(String conventionId, Instant asOf) {
        if (conventionId == null || !conventionId.startsWith(GrantedAid.ID_PREFIX)) {
            return Optional.empty();
        }
        // CONV-<project>-<call code>-<organisation>: ids may hold dashes, so the project is the prefix whose stream
        // chose a call giving this convention's prefix
        String rest = conventionId.substring(GrantedAid.ID_PREFIX.length());
        for (int dash = rest.indexOf('-'); dash > 0; dash = rest.indexOf('-', dash + 1)) {
            String projectId = rest.substring(0, dash);
            if (storedEvents.until(projectId, asOf).isEmpty()) {
                continue;
            }
            boolean ours = applications(projectId, linking(projectId, asOf)).stream()
                    .anyMatch(app -> conventionId.startsWith(GrantedAid.conventionId(app, "")));
            if (ours) {
                return rebuild(projectId, asOf, queries -> queries.handle(new FindConventionQuery(conventionId)))
                        .flatMap(Function.identity());
            }
        }
        return Optional.empty();
    }

    private <T> Optional<T> rebuild(String projectId, Instant asOf, Function<FundingQueries, T> query) {
        if (storedEvents.until(projectId, asOf).isEmpty()) {
            return Optional.empty();
        }
        List<ScratchDatabases.Step> steps = steps(projectId, asOf);
        try {
            return scratchDatabases.withReplay(key(projectId), steps, this::fold,
                    jdbc -> Optional.ofNullable(query.apply(new FundingQueries(jdbc))));
        } catch (RuntimeException e) {
            throw new IllegalStateException("The funding of project " + projectId + " could not be rebuilt as of "
                    + asOf, e);
        }
    }

    /**
     * An application or a state-aid ledger reached a checkpoint interval: its project's funding as of then is stored
     * (the project read from the stream's first event).
     */
    @Override
    public int checkpointAfter(String aggregateType, String aggregateId, Instant at) {
        Optional<String> projectId = Optional.empty();
        if (APPLICATION_STREAM.equals(aggregateType)) {
            projectId = storedEvents.ofTypes(aggregateId, ALL_TIME, FundingApplicationSubmittedEvent.class).stream()
                    .map(event -> ((FundingApplicationSubmittedEvent) event.getPayload()).projectId()).findFirst();
        } else if (LEDGER_STREAM.equals(aggregateType)) {
            projectId = storedEvents.ofTypes(aggregateId, ALL_TIME, StateAidRecordedEvent.class,
                    HistoricalStateAidImportedEvent.class).stream().map(event -> event.getPayload()
                    instanceof StateAidRecordedEvent recorded ? recorded.projectId()
                    : ((HistoricalStateAidImportedEvent) event.getPayload()).projectId()).findFirst();
        }
        return projectId.filter(project -> !storedEvents.until(project, at).isEmpty())
                .map(project -> scratchDatabases.storeCheckpoint(key(project), steps(project, at), this::fold) ? 1 : 0)
                .orElse(0);
    }

    private static String key(String projectId) {
        return "funding " + projectId;
    }

    /**
     * The steps of the project's funding up to the instant: the registry events of the funders its applications name,
     * then the events of its applications and of its partners' state-aid ledgers in time order.
     */
    private List<ScratchDatabases.Step> steps(String projectId, Instant asOf) {
        // the project events that link streams (a few, by type: a project's other events, 10⁴ reviews say, are not read)
        List<DomainEventMessage<?>> linking = linking(projectId, asOf);
        Set<String> applications = applications(projectId, linking);
        Set<String> organisations = new LinkedHashSet<>();
        linking.forEach(event -> {
            if (event.getPayload() instanceof IdeaSubmittedEvent idea) {
                organisations.add(idea.carrierOrganisationId());
            } else if (event.getPayload() instanceof PartnerInvitedEvent invited) {
                organisations.add(invited.organisationId());
            }
        });
        List<StoredEvents.Row> funding = new ArrayList<>();
        Set<String> funders = new LinkedHashSet<>();
        for (String application : applications) {
            funding.addAll(storedEvents.until(application, asOf));
            // the funders of the application's submission whenever it came (their registry events up to the instant
            // only): the same registry steps at every instant, so that an earlier instant's steps are a prefix of a
            // later one's and start from a kept replay's checkpoint (ScratchDatabases); the answers name only the
            // funders of the applications and conventions that existed then
            storedEvents.ofTypes(application, ALL_TIME, FundingApplicationSubmittedEvent.class).forEach(event -> {
                if (event.getPayload() instanceof FundingApplicationSubmittedEvent submitted) {
                    funders.add(submitted.funderId());
                }
            });
        }
        if (!applications.isEmpty()) {
            organisations.forEach(organisation -> funding.addAll(storedEvents.until(
                    RecordStateAidCommand.ledgerId(projectId, organisation), asOf)));
        }
        // each stream is in order; together in time order (stable: at equal times, stream order), as the live processor
        funding.sort(Comparator.comparing(StoredEvents.Row::timestamp));
        List<ScratchDatabases.Step> steps = new ArrayList<>();
        funders.forEach(funder -> storedEvents.until(funder, asOf).forEach(row ->
                steps.add(new ScratchDatabases.Step(row.aggregate(), row.sequence(), REGISTRY))));
        funding.forEach(row -> steps.add(new ScratchDatabases.Step(row.aggregate(), row.sequence(), FUNDING)));
        return steps;
    }

    private void fold(JdbcClient jdbc, List<ScratchDatabases.Step> fold) throws Exception {
        if (fold.isEmpty()) {
            return; // a kept state holds every step (building the handlers costs more than the query)
        }
        AnnotationEventHandlerAdapter funderHandlers = new AnnotationEventHandlerAdapter(new FunderProjection(jdbc));
        AnnotationEventHandlerAdapter fundingHandlers = new AnnotationEventHandlerAdapter(new FundingProjection(jdbc));
        List<DomainEventMessage<?>> events = storedEvents.load(fold);
        for (int i = 0; i < events.size(); i++) {
            (fold.get(i).handler() == REGISTRY ? funderHandlers : fundingHandlers).handle(events.get(i));
        }
    }

    /** The project's events up to the instant that link funding streams: calls chosen, carrier, invited partners. */
    private List<DomainEventMessage<?>> linking(String projectId, Instant asOf) {
        return storedEvents.ofTypes(projectId, asOf, FundingCallsChosenEvent.class, IdeaSubmittedEvent.class,
                PartnerInvitedEvent.class);
    }

    /** One application per call chosen by then: {@code APP-<project>-<call code>}. */
    private static Set<String> applications(String projectId, List<? extends DomainEventMessage<?>> projectEvents) {
        Set<String> applications = new LinkedHashSet<>();
        projectEvents.stream().filter(event -> event.getPayloadType() == FundingCallsChosenEvent.class).forEach(event -> {
            if (event.getPayload() instanceof FundingCallsChosenEvent chosen) {
                chosen.callIds().stream().filter(id -> id.startsWith(CALL_PREFIX))
                        .forEach(id -> applications.add(SubmitFundingApplicationCommand.applicationId(projectId,
                                id.substring(CALL_PREFIX.length()))));
            }
        });
        return applications;
    }
}

package org.tremplin.platform.config;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.EventProcessingModule;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.EventProcessorSpanFactory;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.queryhandling.LoggingQueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryBusSpanFactory;
import org.axonframework.queryhandling.QueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.tremplin.platform.query.LiveBatches;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Axon without Axon Server: events in Axon's JDBC storage engine, in the same database and the same
 * Spring transaction as Camunda and the read models.
 */
@org.springframework.context.annotation.Configuration
public class AxonConfig {

    /** Metadata keys copied from each command onto the events it causes. */
    public static final List<String> STEP_METADATA = List.of(
            StepMetadata.ACTOR, StepMetadata.ROLES, StepMetadata.CORRELATION_ID,
            StepMetadata.PROCESS_INSTANCE_ID, StepMetadata.PROCESS_DEFINITION_KEY, StepMetadata.ACTIVITY_ID);

    @Bean
    public EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 ProcessorWakeups wakeups,
                                                 SharedEventReads sharedEventReads,
                                                 TransactionManager transactionManager,
                                                 @Value("${tremplin.event-store.batch-size:1000}")
                                                 int batchSize,
                                                 @Value("${tremplin.event-store.gap-timeout:PT1M}")
                                                 Duration gapTimeout) {
        if (gapTimeout.isNegative() || gapTimeout.isZero()) {
            throw new IllegalArgumentException("tremplin.event-store.gap-timeout must be positive (a minute by default): "
                    + gapTimeout);
        }
        LastBatchAwareStorageEngine engine = new LastBatchAwareStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(new DuplicateKeyResolver())
                .connectionProvider(connectionProvider)
                .schema(new EventSchema())
                // events per query when a stream is read (replay, tracking processors catching up, aggregates):
                // Axon's 100 made a replay's one read of a 10⁶-event store 10,000 queries (scale.md, session 7)
                .batchSize(batchSize)
                // the next events after a token and its gaps, by key (TrackedEventReads): an empty answer means
                // nothing is stored after the position, so Axon's extra min(globalIndex) after it is not needed
                .readEventDataWithoutGaps(new TrackedEventReads())
                .readEventDataWithGaps(new TrackedEventReads())
                .extendedGapCheckEnabled(false)
                // A token's gaps are dropped a minute after they were revealed in the events' own time, or when 10,000
                // newer indexes pass, not for the age of the event read by the clock (LastBatchAwareStorageEngine
                // computes every token so; Axon's clock-based rules are switched off here): every reader of the same
                // events computes the same tokens (src/docs/performance.md, sessions 27-29).
                .maxGapOffset(LastBatchAwareStorageEngine.MAX_GAP_OFFSET)
                .lowestGlobalSequence(LastBatchAwareStorageEngine.LOWEST_GLOBAL_SEQUENCE)
                .gapTimeout(Integer.MAX_VALUE)
                .gapCleaningThreshold(Integer.MAX_VALUE), transactionManager, gapTimeout);
        engine.afterSharedRead(wakeups::delivered);
        wakeups.localCommitsFrom(engine::localCommits);
        engine.sharedReadsFrom(sharedEventReads.dataSource());
        return engine;
    }

    /** On PostgreSQL, the shared reader's own connection, which keeps generic plans ({@link SharedEventReads}). */
    @Bean
    public SharedEventReads sharedEventReads(DataSource dataSource) {
        return SharedEventReads.of(dataSource);
    }

    /**
     * The embedded event store wakes tracking processors when Axon's unit of work commits. Inside a
     * Camunda step that is before the database commits, so the processors would find nothing and sleep
     * a whole fetch delay (1 s). Waking them after the Spring transaction commits removes that lag.
     *
     * <p>The store keeps the newest {@code tremplin.event-store.cached-events} events it read in memory, where the
     * processors at the head of the stream read them; a processor further behind reads the store on a stream of its own
     * until it is back. Axon's default, 10,000, kept about 30 MB of the heap for events the processors had long read
     * (src/docs/performance.md, session 43). The events it drops from the cache are unlinked from the next ones as they
     * are dropped ({@link DroppedEventsUnlinker}).
     */
    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    public EventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
                                 @Value("${tremplin.read-your-writes.event-poll-interval:PT0.1S}") Duration eventPollInterval,
                                 @Value("${tremplin.event-store.cached-events:2000}") int cachedEvents) {
        if (cachedEvents < 1) {
            throw new IllegalArgumentException("tremplin.event-store.cached-events must be at least 1 (2,000 by default): "
                    + cachedEvents);
        }
        // Events committed by another node wake nobody here: the processors find them at the next poll, so the
        // poll interval is the floor of the read-your-writes wait for a write on a node that holds no token.
        AfterCommitWakingEventStore store = new AfterCommitWakingEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .cachedEvents(cachedEvents)
                .fetchDelay(Math.max(1, eventPollInterval.toMillis()))
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore")),
                storageEngine instanceof LastBatchAwareStorageEngine engine ? engine::committedLocally : () -> { });
        if (storageEngine instanceof LastBatchAwareStorageEngine engine) {
            // on the store's producer thread, after each event it put in its cache (and after the processors' wake-ups)
            engine.afterSharedRead(event -> store.unlinker().unlinkDropped());
        }
        return store;
    }

    /** Plain factories for the aggregates instead of Spring prototype beans ({@link PlainAggregateFactories}). */
    @Bean
    public static PlainAggregateFactories plainAggregateFactories() {
        return new PlainAggregateFactories();
    }

    @Bean
    public ProcessorProgress processorProgress() {
        return new ProcessorProgress();
    }

    @Bean
    public ProcessorWakeups processorWakeups(
            @Value("${tremplin.event-processing.longest-sleep:PT0.05S}") Duration longestSleep) {
        if (longestSleep.isNegative() || longestSleep.isZero() || longestSleep.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("tremplin.event-processing.longest-sleep must be over 0 and at most 10 s "
                    + "(0.05 s by default): " + longestSleep);
        }
        return new ProcessorWakeups(longestSleep);
    }

    /**
     * Axon's event processing module (what its Spring Boot auto-configuration makes when there is none), whose tracking
     * processors each report their progress to {@link ProcessorProgress}: a write waiting for the read models is woken
     * when a processor commits a batch instead of looking at the processors every 0.2 ms. The processors' settings
     * (batch size, threads, segments, claims) still come from {@code axon.eventhandling.processors}; the listener is set
     * on the configuration Axon hands over when it builds each processor, replacing Axon's default (none). Each
     * processor's source is the event store, whose streams here sleep on a signal of their own ({@link ProcessorWakeups})
     * rather than in the one line Axon's embedded store wakes them through.
     */
    @Bean
    public EventProcessingModule eventProcessingModule(ProcessorProgress progress, ProcessorWakeups wakeups,
                                                       InStepGroups inStep) {
        return new EventProcessingModule() {
            @Override
            protected EventProcessor trackingEventProcessor(String name, EventHandlerInvoker eventHandlerInvoker,
                                                            TrackingEventProcessorConfiguration config,
                                                            StreamableMessageSource<TrackedEventMessage<?>> source) {
                TrackingEventProcessorConfiguration reporting = config.andEventTrackerStatusChangeListener(progress);
                boolean inStepGroup = inStep.inStep(name);
                // as Axon's module builds it, resuming once the database is back after an outage
                TrackingEventProcessor.Builder builder = TrackingEventProcessor.builder()
                        .name(name)
                        .eventHandlerInvoker(eventHandlerInvoker)
                        .rollbackConfiguration(rollbackConfiguration(name))
                        .errorHandler(errorHandler(name))
                        .messageMonitor(messageMonitor(TrackingEventProcessor.class, name))
                        .messageSource(inStepGroup
                                ? wakeups.wakingEach(name, eventHandlerInvoker, source, event -> inStep.passesBy(name, event))
                                : wakeups.wakingEach(name, eventHandlerInvoker, source, event -> false))
                        .tokenStore(tokenStore(name))
                        .transactionManager(transactionManager(name))
                        .trackingEventProcessorConfiguration(reporting)
                        .spanFactory(configuration.getComponent(EventProcessorSpanFactory.class));
                // an in-step group's processor passes by the events the steps applied (decision 11)
                return inStepGroup ? new InStepTrackingProcessor(builder, inStep, wakeups)
                        : new ResumingTrackingProcessor(builder, wakeups);
            }
        };
    }

    /**
     * The processing groups whose handlers run in the step's own transaction (decision 11;
     * {@code tremplin.event-processing.in-step}, the {@code projects} group by default; empty: none).
     */
    @Bean
    public InStepGroups inStepGroups(@Value("${tremplin.event-processing.in-step:projects}") List<String> groups,
                                     DataSource dataSource, Clock clock) {
        return new InStepGroups(groups.stream().map(String::trim).filter(g -> !g.isEmpty()).toList(), dataSource, clock);
    }

    @Bean
    public InStepReadModels inStepReadModels(InStepGroups groups, EventStore eventStore,
                                             org.axonframework.config.EventProcessingConfiguration processing,
                                             DataSource dataSource,
                                             org.springframework.transaction.PlatformTransactionManager transactions,
                                             org.tremplin.platform.query.HandlerSavepoints savepoints) {
        return new InStepReadModels(groups, eventStore, processing, dataSource, transactions, savepoints::onPostgres);
    }

    /** The token store of each in-step group's processor ({@link InStepTokenStore}). */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class InStepTokenStores {

        @Autowired
        void configure(EventProcessingConfigurer configurer, InStepGroups groups) {
            for (String group : groups.groups()) {
                configurer.registerTokenStore(group, configuration ->
                        new InStepTokenStore(configuration.getComponent(TokenStore.class), group, groups));
            }
        }
    }

    /**
     * A replay clears the dead letters of each model it rebuilds (Axon's {@code allowReset} on the groups' dead-letter
     * invokers: the reset empties the group's queue in its transaction). The replay handles every event again from the
     * start; a letter left over would park again every event of its aggregate, so that a model whose failure was
     * mended could not be rebuilt (found by session 51's outside probe). An event that still fails is parked again.
     */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class ReplaysClearDeadLetters {

        @Autowired
        void configure(EventProcessingConfigurer configurer,
                       org.axonframework.springboot.EventProcessorProperties processors) {
            processors.getProcessors().keySet().forEach(group ->
                    configurer.registerDeadLetteringEventHandlerInvokerConfiguration(group,
                            (configuration, builder) -> builder.allowReset(true)));
        }
    }

    /**
     * A tracking processor's batch of several stored events (catching up) sends the read models' writes as JDBC
     * batches, as a replay does ({@link LiveBatches}, one per processor; {@code tremplin.event-processing.batched-writes},
     * true). A lone step's events are still written statement by statement.
     */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class ProcessorBatches {

        @Autowired
        void configure(EventProcessingConfigurer configurer,
                       @Value("${tremplin.event-processing.batched-writes:true}") boolean batchedWrites) {
            if (batchedWrites) {
                configurer.registerDefaultHandlerInterceptor((configuration, processorName) -> new LiveBatches());
            }
        }
    }

    /**
     * Axon's query bus as its Spring Boot auto-configuration makes it, without its transaction manager: a query runs
     * in the caller's transaction when there is one (a step's checks inside the engine's command), else each of its
     * statements on its own with auto-commit. Axon's bus opened a transaction for every query made outside one (a
     * request's access checks before its command): a {@code BEGIN} and a {@code COMMIT} around one to three reads,
     * five to seven pairs a labelling on PostgreSQL (src/docs/performance.md, session 27). Query handlers only read; at the
     * read-committed isolation of both databases each statement sees what was committed when it began, inside a
     * transaction or not, so the answers are the same.
     */
    @Bean
    @Qualifier("localSegment")
    public SimpleQueryBus queryBus(Configuration axonConfiguration) {
        return SimpleQueryBus.builder()
                .messageMonitor(axonConfiguration.messageMonitor(QueryBus.class, "queryBus"))
                .errorHandler(axonConfiguration.getComponent(QueryInvocationErrorHandler.class,
                        () -> LoggingQueryInvocationErrorHandler.builder().build()))
                .queryUpdateEmitter(axonConfiguration.getComponent(QueryUpdateEmitter.class))
                .spanFactory(axonConfiguration.getComponent(QueryBusSpanFactory.class))
                .build();
    }

    @Bean
    public CorrelationDataProvider stepMetadataProvider() {
        return new SimpleCorrelationDataProvider(STEP_METADATA.toArray(String[]::new));
    }

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    static final class AfterCommitWakingEventStore extends EmbeddedEventStore {

        /** Tells the storage engine's shared reader that events were committed here ({@link LastBatchAwareStorageEngine}). */
        private final Runnable committedLocally;
        /** Cuts the links of the events dropped from the cache ({@link DroppedEventsUnlinker}). */
        private final DroppedEventsUnlinker unlinker = new DroppedEventsUnlinker(this);

        AfterCommitWakingEventStore(EmbeddedEventStore.Builder builder, Runnable committedLocally) {
            super(builder);
            this.committedLocally = committedLocally;
        }

        /** What cuts the links of the events this store drops from its cache, run on its producer thread. */
        DroppedEventsUnlinker unlinker() {
            return unlinker;
        }

        /** Also records the events for the current request's read-your-writes wait ({@link CommittedEvents}). */
        @Override
        protected void afterCommit(List<? extends EventMessage<?>> events) {
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        CommittedEvents.recordCommitted(events);
                        committedLocally.run();
                        AfterCommitWakingEventStore.super.afterCommit(events);
                    }
                });
            } else {
                CommittedEvents.recordCommitted(events);
                committedLocally.run();
                super.afterCommit(events);
            }
        }
    }
}

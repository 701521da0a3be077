package org.tremplin.platform.config;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tremplin.platform.query.InStep;
import org.tremplin.platform.query.RoundTripDeadLetters;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Read models written in the step's own transaction (decision 11), for the processing groups of
 * {@code tremplin.event-processing.in-step}.
 *
 * <ul>
 *   <li><b>Marking.</b> A dispatch interceptor on the event store names, in each event's metadata ({@link InStep}),
 *   the in-step groups with a handler for it, when the event is published in a unit of work inside a transaction
 *   (every step, every command).</li>
 *   <li><b>Applying.</b> A subscribing processor per group runs the group's own handlers for the marked events in the
 *   step's unit of work, after the event store inserted them and before the commit: the read model changes in the
 *   step's transaction. Each handler runs under a savepoint ({@code HandlerSavepoints}); one that fails is rolled back
 *   alone and its event parked in the group's dead-letter queue, in the same transaction, and so is every later event
 *   of the same aggregate while one is parked: the step itself goes on.</li>
 *   <li><b>Passing by.</b> The group's tracking processor stays: it passes the marked events by
 *   ({@link InStepTrackingProcessor}) and handles every other (events stored before), and it is what replays, "as of"
 *   and the health and lag readings use, as before.</li>
 *   <li><b>Switching.</b> After a replay's reset (the steps meanwhile wrote into tables being rebuilt) and before a
 *   group's first switch, its tracking processor handles the marked events again too ({@link InStepGroups}). Once it
 *   has caught up, the steps are held back for a moment (no event can be inserted meanwhile: a lock of this node and,
 *   on PostgreSQL, a {@code SHARE ROW EXCLUSIVE} lock on the event table for every node), the processor brought to
 *   the head, and the head recorded as the index past which it passes them by.</li>
 * </ul>
 */
public final class InStepReadModels implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InStepReadModels.class);

    /** After Axon's configuration (Integer.MAX_VALUE - 3072), which starts the tracking processors; before the web. */
    static final int PHASE = Integer.MAX_VALUE - 3000;
    /** How long a step waits while a switch holds the steps back before it gives up (and rolls back). */
    static final Duration STEP_WAIT = Duration.ofSeconds(30);
    /** How long a switch waits for the steps under way, and then for the processor to reach the head. */
    static final Duration SWITCH_WAIT = Duration.ofSeconds(10);
    private static final long LOOK_EVERY_MILLIS = 200;

    private final InStepGroups groups;
    private final EventStore eventStore;
    private final EventProcessingConfiguration processing;
    private final DataSource dataSource;
    private final java.util.function.BooleanSupplier postgres;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    /**
     * Held for reading by each step with in-step events, from its events' insert to its end (on the step's thread);
     * for writing by a switch. Fair: while a switch waits for the steps under way, new ones queue behind it.
     */
    private final ReentrantReadWriteLock steps = new ReentrantReadWriteLock(true);
    private final Object stepsResource = new Object();
    /** Steps with in-step events wait for the group's processors to be subscribed. */
    private final CountDownLatch started = new CountDownLatch(1);
    private final Map<Class<?>, String> groupsByType = new ConcurrentHashMap<>();
    private final List<SubscribingEventProcessor> processors = new ArrayList<>();
    /** {@link #STEP_WAIT}, shorter in tests. */
    private volatile Duration stepWait = STEP_WAIT;
    private ScheduledExecutorService switcher;
    private volatile boolean running;
    private volatile boolean stopped;

    /**
     * @param postgres whether the handlers of a step send their writes in one round trip on this database
     *                 ({@code HandlerSavepoints#onPostgres}): the dead-letter question is deferred to it on that answer
     */
    public InStepReadModels(InStepGroups groups, EventStore eventStore, EventProcessingConfiguration processing,
                            DataSource dataSource, PlatformTransactionManager transactionManager,
                            java.util.function.BooleanSupplier postgres) {
        this.postgres = postgres;
        this.groups = groups;
        this.eventStore = eventStore;
        this.processing = processing;
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(transactionManager);
        if (!groups.groups().isEmpty()) {
            eventStore.registerDispatchInterceptor(new Marking());
        }
    }

    @Override
    public void start() {
        // a group applied in the steps no longer: its processor handles every event again when it comes back
        List<String> applied = List.copyOf(groups.groups());
        transactions.executeWithoutResult(status -> {
            if (applied.isEmpty()) {
                jdbc.update("DELETE FROM read_model_in_step");
            } else {
                jdbc.update("DELETE FROM read_model_in_step WHERE processing_group NOT IN ("
                        + applied.stream().map(g -> "?").collect(Collectors.joining(", ")) + ")", applied.toArray());
            }
        });
        for (String group : applied) {
            TrackingEventProcessor tracking = processing.eventProcessor(group, TrackingEventProcessor.class)
                    .orElseThrow(() -> new IllegalStateException("tremplin.event-processing.in-step names " + group
                            + ", which is not a tracking processor's group"));
            SubscribingEventProcessor processor = new InStepProcessor(SubscribingEventProcessor.builder()
                    .name(group + " in the step")
                    .eventHandlerInvoker(invoker(group, tracking.eventHandlerInvoker()))
                    .messageSource(eventStore)
                    // timed as the group's (processorName="projects"), as when its tracking processor handled them
                    .messageMonitor(processing.messageMonitor(SubscribingEventProcessor.class, group))
                    .errorHandler(PropagatingErrorHandler.instance()), group);
            processor.registerHandlerInterceptor((unitOfWork, chain) -> {
                unitOfWork.resources().put(InStep.RESOURCE, group);
                return chain.proceed();
            });
            processor.start();
            processors.add(processor);
        }
        running = true;
        started.countDown();
        if (!applied.isEmpty()) {
            switcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "read-models-in-step");
                thread.setDaemon(true);
                return thread;
            });
            switcher.scheduleWithFixedDelay(this::switchWhereCaughtUp, LOOK_EVERY_MILLIS, LOOK_EVERY_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
        log.info("Read models applied in the steps' transactions: {}", applied.isEmpty() ? "none" : applied);
    }

    /** The group's handlers, the same instances its tracking processor calls, with its dead-letter queue if it has one. */
    private EventHandlerInvoker invoker(String group, EventHandlerInvoker tracking) {
        List<EventMessageHandler> handlers = new ArrayList<>();
        collectHandlers(tracking, handlers);
        Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue = processing.deadLetterQueue(group);
        if (queue.isPresent()) {
            DeadLetteringEventHandlerInvoker.Builder builder = DeadLetteringEventHandlerInvoker.builder()
                    .eventHandlers(new ArrayList<Object>(handlers))
                    .sequencingPolicy(processing.sequencingPolicy(group))
                    // the question "does its sequence wait in the queue?" asked with the handlers' writes where it can
                    .queue(new RoundTripDeadLetters(queue.get(), group, handlers, postgres))
                    .transactionManager(processing.transactionManager(group));
            processing.deadLetterPolicy(group).ifPresent(builder::enqueuePolicy);
            return builder.build();
        }
        return SimpleEventHandlerInvoker.builder()
                .eventHandlers(new ArrayList<Object>(handlers))
                .sequencingPolicy(processing.sequencingPolicy(group))
                .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                .build();
    }

    private static void collectHandlers(EventHandlerInvoker invoker, List<EventMessageHandler> into) {
        if (invoker instanceof MultiEventHandlerInvoker multi) {
            multi.delegates().forEach(delegate -> collectHandlers(delegate, into));
        } else if (invoker instanceof SimpleEventHandlerInvoker simple) {
            into.addAll(simple.eventHandlers());
        } else {
            throw new IllegalStateException("Cannot apply in the step the handlers of " + invoker);
        }
    }

    @Override
    public void stop() {
        stopped = true;
        running = false;
        if (switcher != null) {
            switcher.shutdownNow();
        }
        // the steps that marked their events before the stop still run the handlers before their commit
        boolean quiet = false;
        try {
            quiet = steps.writeLock().tryLock(SWITCH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            processors.forEach(SubscribingEventProcessor::shutDown);
            processors.clear();
        } finally {
            if (quiet) {
                steps.writeLock().unlock();
            }
        }
    }

    /** How long a step waits behind a switch before it is refused (tests shorten it). */
    void stepWait(Duration wait) {
        this.stepWait = wait;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** The in-step groups with a handler for this payload type, separated by commas ("" for none). */
    private String groupsHandling(Class<?> payloadType) {
        return groupsByType.computeIfAbsent(payloadType, type -> groups.groups().stream().sorted()
                .filter(group -> processing.eventProcessor(group, TrackingEventProcessor.class)
                        .map(p -> p.eventHandlerInvoker().canHandleType(type)).orElse(false))
                .collect(Collectors.joining(",")));
    }

    /**
     * Holds this transaction's place among the steps until it ends, so that a switch waits for it and none starts
     * meanwhile. Once per transaction (a transaction inside it, on the same thread, shares the place).
     */
    private void enterSteps() {
        if (TransactionSynchronizationManager.hasResource(stepsResource)) {
            return;
        }
        boolean entered;
        try {
            entered = started.await(stepWait.toMillis(), TimeUnit.MILLISECONDS)
                    && steps.readLock().tryLock(stepWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the read models in the steps switched; nothing stored", e);
        }
        if (!entered) {
            throw new InStep.HeldBack("The read models written in the steps are starting or switching and held this "
                    + "step back for more than " + (stepWait.toMillis() % 1000 == 0 ? stepWait.toSeconds() + " s"
                    : stepWait.toMillis() + " ms") + "; nothing was stored. Send it again in "
                    + SWITCH_WAIT.toSeconds() + " s.", SWITCH_WAIT);
        }
        TransactionSynchronizationManager.bindResource(stepsResource, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(stepsResource);
                steps.readLock().unlock();
            }
        });
    }

    /** Names the in-step groups in each event's metadata, in a transaction's unit of work. */
    private final class Marking implements MessageDispatchInterceptor<EventMessage<?>> {

        @Override
        public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
            if (stopped || !CurrentUnitOfWork.isStarted()
                    || !TransactionSynchronizationManager.isActualTransactionActive()) {
                // stopped: no processor applies them any more; the tracking processor will, at the next start
                return (index, message) -> message;
            }
            return (index, message) -> {
                String names = groupsHandling(message.getPayloadType());
                if (names.isEmpty() || message.getMetaData().containsKey(InStep.METADATA)) {
                    return message;
                }
                enterSteps();
                return marked(message, names);
            };
        }
    }

    /**
     * The event with the groups named in its metadata and its time as the store keeps it (to the millisecond): the
     * steps' handlers see exactly what a processor or a replay reads back, so the rows they write are the same.
     */
    static EventMessage<?> marked(EventMessage<?> message, String groups) {
        Map<String, Object> metaData = new java.util.HashMap<>(message.getMetaData());
        metaData.put(InStep.METADATA, groups);
        java.time.Instant stored = message.getTimestamp().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        if (message instanceof org.axonframework.eventhandling.DomainEventMessage<?> event) {
            return new org.axonframework.eventhandling.GenericDomainEventMessage<>(event.getType(),
                    event.getAggregateIdentifier(), event.getSequenceNumber(), event.getPayload(), metaData,
                    event.getIdentifier(), stored);
        }
        return new org.axonframework.eventhandling.GenericEventMessage<>(message.getIdentifier(), message.getPayload(),
                metaData, stored);
    }

    /** Each in-step group's handlers for the events marked for it, in the step's unit of work. */
    private static final class InStepProcessor extends SubscribingEventProcessor {

        private final String group;

        InStepProcessor(SubscribingEventProcessor.Builder builder, String group) {
            super(builder);
            this.group = group;
        }

        @Override
        protected boolean canHandle(EventMessage<?> eventMessage, Segment segment) throws Exception {
            return InStep.applied(eventMessage, group) && super.canHandle(eventMessage, segment);
        }
    }

    /** Switches every group whose processor handles the marked events again and has caught up here. */
    private void switchWhereCaughtUp() {
        for (String group : groups.groups()) {
            try {
                if (groups.rehandledTo(group) == InStepGroups.ALL && caughtUpHere(group)) {
                    switchGroup(group);
                }
            } catch (RuntimeException e) {
                log.warn("Could not switch read model {} to passing by the events the steps applied; tried again soon",
                        group, e);
            }
        }
    }

    /** Whether this node's processor holds every segment of the group and has caught up on each. */
    private boolean caughtUpHere(String group) {
        Optional<TrackingEventProcessor> processor = processing.eventProcessor(group, TrackingEventProcessor.class);
        if (processor.isEmpty() || !processor.get().isRunning()) {
            return false;
        }
        Map<Integer, EventTrackerStatus> status = processor.get().processingStatus();
        if (status.isEmpty() || status.values().stream().anyMatch(s -> !s.isCaughtUp() || s.isErrorState())) {
            return false;
        }
        TokenStore tokens = processing.tokenStore(group);
        int[] segments = transactions.execute(s -> tokens.fetchSegments(group));
        return segments != null && segments.length == status.size();
    }

    /**
     * Holds the steps back (this node's, and on PostgreSQL every node's inserts into the event table), lets the
     * processor reach the head, and records the head as the index past which it passes the steps' events by.
     */
    void switchGroup(String group) {
        boolean locked;
        try {
            locked = steps.writeLock().tryLock(SWITCH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!locked) {
            log.info("Read model {}: the steps under way did not end within {} s; switching later", group,
                    SWITCH_WAIT.toSeconds());
            return;
        }
        long started = System.nanoTime();
        try (EventInserts held = EventInserts.holdBack(dataSource)) {
            long head = held.head();
            TrackingEventProcessor processor = processing.eventProcessor(group, TrackingEventProcessor.class).orElseThrow();
            long deadline = System.nanoTime() + SWITCH_WAIT.toNanos();
            while (!reached(processor, head)) {
                if (System.nanoTime() > deadline || !processor.isRunning()) {
                    log.info("Read model {}: its processor did not reach position {} within {} s; switching later",
                            group, head, SWITCH_WAIT.toSeconds());
                    return;
                }
                Thread.sleep(2);
            }
            transactions.executeWithoutResult(status -> groups.switched(group, head));
            log.info("Read model {}: its processor passes by the events the steps applied past position {} (steps "
                    + "held back {} ms)", group, head, (System.nanoTime() - started) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            steps.writeLock().unlock();
        }
    }

    private static boolean reached(TrackingEventProcessor processor, long head) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        if (status.isEmpty()) {
            return false;
        }
        for (EventTrackerStatus segment : status.values()) {
            if (segment.getCurrentPosition().orElse(-1) < head) {
                return false;
            }
        }
        return true;
    }

    /**
     * The event table's inserts held back on every node (PostgreSQL: a {@code SHARE ROW EXCLUSIVE} lock, taken once
     * the inserting transactions under way have ended, kept until closed; H2, used by one application at a time, has
     * this node's lock only), and the head position once they are.
     */
    private static final class EventInserts implements AutoCloseable {

        private final Connection connection;
        private final long head;

        private EventInserts(Connection connection, long head) {
            this.connection = connection;
            this.head = head;
        }

        static EventInserts holdBack(DataSource dataSource) {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                boolean postgres = "PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    if (postgres) {
                        statement.execute("SET LOCAL lock_timeout = '" + SWITCH_WAIT.toMillis() + "ms'");
                        statement.execute("LOCK TABLE DomainEventEntry IN SHARE ROW EXCLUSIVE MODE");
                    }
                    try (var rows = statement.executeQuery("SELECT COALESCE(MAX(globalIndex), -1) FROM DomainEventEntry")) {
                        rows.next();
                        return new EventInserts(connection, rows.getLong(1));
                    }
                }
            } catch (SQLException | RuntimeException e) {
                close(connection);
                throw new IllegalStateException("Could not hold the event inserts back: " + e.getMessage(), e);
            }
        }

        long head() {
            return head;
        }

        @Override
        public void close() {
            close(connection);
        }

        private static void close(Connection connection) {
            try {
                connection.rollback();
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                log.debug("Could not end the transaction holding the event inserts back", e);
            } finally {
                try {
                    connection.close();
                } catch (SQLException e) {
                    log.debug("Could not close the connection holding the event inserts back", e);
                }
            }
        }
    }
}

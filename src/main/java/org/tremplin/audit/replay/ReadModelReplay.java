package org.tremplin.audit.replay;

import jakarta.annotation.PreDestroy;
import javax.sql.DataSource;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.tremplin.audit.replay.ReadModelChecksums.ModelChecksum;
import org.tremplin.audit.replay.ReadModelChecksums.TableChecksum;
import org.tremplin.audit.replay.ReplayReport.Difference;
import org.tremplin.audit.replay.ReplayReport.ProcessorReport;
import org.tremplin.audit.replay.ReplayReport.ProcessorState;
import org.tremplin.audit.replay.ReplayReport.Progress;
import org.tremplin.audit.replay.ReplayReport.State;
import org.tremplin.platform.query.ReadModelReset;
import org.tremplin.shared.DomainException;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Rebuilds every read model from the event store and tells whether it comes out as it was.
 *
 * <p>By default every model together, from ONE read of the store: each processor caught up, {@code shutDown()} and
 * checksummed (BEFORE, at the position its token records); its tokens claimed by the replay thread and its
 * {@code @ResetHandler}s run; then the store is read once from its start to its head in batches
 * ({@code tremplin.audit.replay.batch-size}, 5,000), each batch handed to every processor's own handling (its
 * interceptors, error handler and dead-letter queue) in ONE transaction that also stores each processor's token; then
 * AFTER, at that token, and every processor started again (whatever fails), carrying on from that token with what
 * was stored meanwhile. A crash mid-way leaves each model consistent with its token: the processor carries on from
 * there. A model whose rows each belong to one aggregate ({@link ReadModelTables#BY_AGGREGATE}) may have its batches
 * split into Axon segments handled on a thread each ({@code tremplin.audit.replay.segments}; by default one per
 * core), its token stored once they have all committed: a crash then leaves rows ahead of the token, which the
 * processor's idempotent handlers take again. With {@code tremplin.audit.replay.together=false} the same path runs one model after the other, so that the
 * others serve live traffic meanwhile. While a model replays it is incomplete (queries and steps reading it see
 * partial data). One replay at a time, on a thread of its own.
 */
@Service
public class ReadModelReplay {

    private static final Logger log = LoggerFactory.getLogger(ReadModelReplay.class);
    private static final int KEPT_REPORTS = 20;
    private static final Duration CATCH_UP_BEFORE = Duration.ofSeconds(10);
    private static final Duration STALL = Duration.ofSeconds(5);
    /** How long the application's stop waits for a replay to end at its next batch. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);
    /**
     * The processor's own handling of a batch of events in a unit of work: its interceptors, message monitor, error
     * handler and dead-letter queue, exactly as when it runs (protected in Axon, hence opened here).
     */
    private static final Method PROCESS_IN_UNIT_OF_WORK = processInUnitOfWork();

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final EventStorageEngine storageEngine;
    private final int batchSize;
    private final boolean together;
    private final boolean parallel;
    /** Replayed events go through the processors' message monitors (Micrometer) too; off by default. */
    private final boolean monitoredReplay;
    /** The read models' writes queued per batch and sent in JDBC batches (BatchedWrites); on by default. */
    private final boolean batchedWrites;
    /**
     * Segments a model of {@link ReadModelTables#BY_AGGREGATE} is replayed in, each on a thread of its own (a power
     * of two, at most 8; 1: one thread as for the others); 0: one per core. (H2 used to keep one: its segments were
     * slower in session 14, while each handler call walked its thread's stack; since session 18 two segments take
     * 62 s against 73 for 10⁶ events: performance.md.)
     */
    private final int segments;
    private final ReadModelChecksums checksums;
    private final ReadModelResetMarks marks;
    /** The models this replay has emptied and not yet handed back to their processors (error answers name them). */
    private final org.tremplin.platform.query.ReadModelRebuilds rebuilds;
    /**
     * The groups applied in the steps (decision 11): their reset makes their processor handle again the events steps
     * apply while the model is rebuilt (in the tables being rebuilt), until it has caught up and switches back.
     */
    private final org.tremplin.platform.config.InStepGroups inStep;
    private final DataSource dataSource;
    private final Clock clock;
    private final Duration timeout;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "read-model-replay");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<Run> current = new AtomicReference<>();
    private final Map<String, Run> runs = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Run> eldest) {
            return size() > KEPT_REPORTS;
        }
    });

    public ReadModelReplay(EventProcessingConfiguration processing, EventStore eventStore, EventStorageEngine storageEngine,
                           DataSource dataSource, ReadModelChecksums checksums, ReadModelResetMarks marks,
                           org.tremplin.platform.query.ReadModelRebuilds rebuilds,
                           org.tremplin.platform.config.InStepGroups inStep, Clock clock,
                           @Value("${tremplin.audit.replay.timeout:PT30M}") Duration timeout,
                           @Value("${tremplin.audit.replay.batch-size:5000}") int batchSize,
                           @Value("${tremplin.audit.replay.together:true}") boolean together,
                           @Value("${tremplin.audit.replay.parallel:true}") boolean parallel,
                           @Value("${tremplin.audit.replay.message-monitors:false}") boolean monitoredReplay,
                           @Value("${tremplin.audit.replay.batched-writes:true}") boolean batchedWrites,
                           @Value("${tremplin.audit.replay.segments:0}") int segments) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("tremplin.audit.replay.batch-size must be at least 1, not " + batchSize);
        }
        this.processing = processing;
        this.eventStore = eventStore;
        this.storageEngine = storageEngine;
        this.dataSource = dataSource;
        this.batchSize = batchSize;
        this.together = together;
        this.parallel = parallel;
        this.monitoredReplay = monitoredReplay;
        this.batchedWrites = batchedWrites;
        if (segments < 0) {
            throw new IllegalArgumentException("tremplin.audit.replay.segments must be 0 (by database) or more, not " + segments);
        }
        this.segments = segments;
        this.checksums = checksums;
        this.marks = marks;
        this.rebuilds = rebuilds;
        this.inStep = inStep;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** Starts a replay in the background; refused with a conflict while another runs. */
    public ReplayReport start(String requestedBy) {
        return report(launch(requestedBy, together, segments).run);
    }

    /** Runs a replay to its end (command line). */
    public ReplayReport runAndWait(String requestedBy) throws InterruptedException {
        return runAndWait(requestedBy, together);
    }

    /**
     * Runs a replay to its end, every model from one read of the store, the models of
     * {@link ReadModelTables#BY_AGGREGATE} in this many segments (rounded down to a power of two, at most 8).
     */
    public ReplayReport runAndWait(String requestedBy, int segments) throws InterruptedException {
        return await(launch(requestedBy, true, segments));
    }

    /**
     * Runs a replay to its end, every model from one read of the store ({@code together}) or one model after the other
     * (each read of the store serves one model; the others serve live traffic meanwhile).
     */
    public ReplayReport runAndWait(String requestedBy, boolean together) throws InterruptedException {
        return await(launch(requestedBy, together, segments));
    }

    private ReplayReport await(Launched launched) throws InterruptedException {
        try {
            launched.future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("The replay failed unexpectedly", e.getCause());
        }
        return report(launched.run);
    }

    public ReplayReport report(String id) {
        Run run = runs.get(id);
        if (run == null) {
            throw DomainException.notFound("No read-model replay with id " + id + " (the last " + KEPT_REPORTS
                    + " replays since the application started are kept)");
        }
        return report(run);
    }

    /**
     * Set when the application stops: a replay ends at its next event or batch. Its threads are never interrupted
     * ({@link org.tremplin.platform.BackgroundThreads}: an interrupt in the middle of H2's file I/O breaks the
     * database for everyone, and the process may never exit).
     */
    private volatile boolean stopping;

    @PreDestroy
    void stop() {
        stopping = true;
        org.tremplin.platform.BackgroundThreads.stopWithoutInterrupting(executor, STOP_WAIT, log,
                "A read-model replay (the next start finishes what it leaves)");
    }

    /** The application is stopping (or the thread was interrupted): a replay ends at its next event or batch. */
    private boolean stopping() {
        return stopping || Thread.currentThread().isInterrupted();
    }

    /**
     * A replay's failure: an ERROR with its stack, except while the application stops, when a replay ends on purpose
     * (its reset is finished at the next start) and a WARN says so.
     */
    private void failure(String what, Throwable e) {
        if (stopping) {
            log.warn("{} stopped: the application is stopping; the next start finishes its reset", what);
            log.debug("{} stopped by", what, e);
        } else {
            log.error("{} failed", what, e);
        }
    }

    private record Launched(Run run, Future<?> future) {
    }

    private Launched launch(String requestedBy, boolean together, int segments) {
        Run run = new Run(UUID.randomUUID().toString(), requestedBy, clock.instant(), together);
        if (!current.compareAndSet(null, run)) {
            Run running = current.get();
            throw DomainException.conflict("A read-model replay is already running: " + (running == null ? "?" : running.id
                    + ", started at " + running.startedAt + " by " + running.requestedBy)
                    + "; wait for it to finish (GET /api/audit/replay/{id})");
        }
        try {
            run.prepare(plan(run.id, segmentsPerModel(segments)));
            runs.put(run.id, run);
            return new Launched(run, executor.submit(() -> execute(run)));
        } catch (RuntimeException e) {
            current.set(null);
            throw e;
        }
    }

    /** The segments of a model of {@link ReadModelTables#BY_AGGREGATE}: as asked, or by database (0). */
    private int segmentsPerModel(int asked) {
        int wanted = asked > 0 ? asked : Runtime.getRuntime().availableProcessors();
        return Integer.highestOneBit(Math.max(1, Math.min(wanted, 8)));
    }

    /** The mapped processors in map order, then the unmapped tracking processors (skipped). */
    private List<Track> plan(String runId, int segmentsPerModel) {
        List<Track> tracks = new ArrayList<>();
        ReadModelTables.BY_PROCESSING_GROUP.forEach((group, tables) -> {
            TrackingEventProcessor processor = processing.eventProcessorByProcessingGroup(group)
                    .filter(TrackingEventProcessor.class::isInstance).map(TrackingEventProcessor.class::cast)
                    .orElse(null);
            Track track = new Track(processor == null ? group : processor.getName(), tables, processor);
            track.runId = runId;
            track.segmentsWanted = ReadModelTables.BY_AGGREGATE.contains(group) ? segmentsPerModel : 1;
            tracks.add(track);
        });
        for (EventProcessor processor : processing.eventProcessors().values()) {
            if (processor instanceof TrackingEventProcessor tracking
                    && tracks.stream().noneMatch(t -> t.name.equals(tracking.getName()))) {
                Track skipped = new Track(tracking.getName(), List.of(), tracking);
                skipped.state = ProcessorState.SKIPPED;
                skipped.description = "No read-model tables mapped in ReadModelTables: not replayed";
                tracks.add(skipped);
            }
        }
        return tracks;
    }

    private void execute(Run run) {
        try {
            log.info("Read-model replay {} started by {} (head position {}, {})", run.id, run.requestedBy, run.head,
                    run.together ? "every model from one read of the store" : "one model after the other");
            List<Track> pending = run.tracks.stream().filter(t -> t.state == ProcessorState.PENDING).toList();
            if (run.together) {
                replay(pending);
            } else {
                for (Track track : pending) {
                    if (!stopping()) {
                        replay(List.of(track));
                    }
                }
            }
        } catch (RuntimeException e) {
            run.error = e.getMessage();
            failure("Read-model replay " + run.id, e);
        } finally {
            run.finishedAt = clock.instant();
            current.set(null);
            ReplayReport report = report(run);
            log.info("Read-model replay {} ended {}: {}", run.id, report.state(), report.differences());
        }
    }

    /**
     * Replays these processors together: each stopped at a known position and checksummed (BEFORE), its tokens claimed
     * by this thread and its {@code @ResetHandler}s run, then ONE read of the store up to its head, each batch handed
     * to every processor's handlers (their interceptors, error and dead-letter handling included) in one transaction
     * that also stores each processor's token; then AFTER, and every processor started again whatever happened.
     */
    private void replay(List<Track> group) {
        List<Track> live = new ArrayList<>();
        try {
            live.addAll(prepare(group));
            long streamed = System.nanoTime();
            if (!live.isEmpty()) {
                stream(live);
            }
            long checked = System.nanoTime();
            inParallel(live.stream().filter(t -> t.state == ProcessorState.REPLAYING).toList(), track -> {
                track.positionAfter = track.stored;
                track.after = checksums.checksum(track.tables);
                compare(track);
            });
            log.info("Replay of {}: events handled in {} ms, AFTER checksums in {} ms", names(live),
                    (checked - streamed) / 1_000_000, (System.nanoTime() - checked) / 1_000_000);
        } catch (RuntimeException e) {
            failure("Replay of " + live.stream().map(t -> t.name).toList(), e);
            for (Track track : live) {
                if (track.state == ProcessorState.REPLAYING) {
                    fail(track, e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
        } finally {
            for (Track track : group) {
                restoreMessageMonitor(track);
                restoreTokenStore(track);
                release(track);
                if (track.processor != null && !track.keepStopped) {
                    startUnlessInterrupted(track.processor);
                    rebuilds.ended(track.name);
                } else if (track.keepStopped) {
                    log.error("Processor {} stays stopped: its reset could not be finished (its tables may be part"
                            + " emptied); the next start of the application finishes it", track.name);
                }
            }
        }
        for (Track track : live) {
            log.info("Replayed processor {}: {} positions, {}, {} ms from reset to the head; {} events handled in {} ms,"
                    + " committed in {} ms ({} segment(s))", track.name, track.target, track.state,
                    track.finishedAt == null ? "?" : Duration.between(track.startedAt, track.finishedAt).toMillis(),
                    track.handledEvents, track.handlingNanos / 1_000_000, track.committingNanos / 1_000_000,
                    track.segmentsUsed);
        }
    }

    /**
     * Every processor of the group caught up, then stopped (all at once: a tracking processor takes up to its event
     * availability timeout, a second, to stop); then each: BEFORE at its stored token, its tokens claimed and its
     * reset handlers run (in one transaction). Returns the tracks ready to replay.
     */
    private List<Track> prepare(List<Track> group) {
        long started = System.nanoTime();
        List<Track> ready = new ArrayList<>();
        for (Track track : group) {
            if (usable(track)) {
                ready.add(track);
            }
        }
        List<Track> stopping = new ArrayList<>();
        List<CompletableFuture<Void>> stopped = new ArrayList<>();
        // One wait for them all, not one per model: models far behind (a store written with the processors paused)
        // made it 10 s per model, 70 s before every replay of a generated store (scale.md, session 7).
        long catchUpUntil = System.nanoTime() + CATCH_UP_BEFORE.toNanos();
        long head = headPosition();
        for (Track track : List.copyOf(ready)) {
            try {
                // BEFORE: the model as it stands, at the position its token records (handlers and token commit together).
                awaitPosition(track, head, Duration.ofNanos(Math.max(0, catchUpUntil - System.nanoTime())), false);
                stopped.add(track.processor.shutdownAsync());
                stopping.add(track);
            } catch (RuntimeException e) {
                failed(track, e);
                ready.remove(track);
            }
        }
        // Woken until they have all stopped (one that was still catching up starts waiting for events a little later).
        long wakeUntil = System.nanoTime() + Duration.ofMillis(1500).toNanos();
        while (stopped.stream().anyMatch(f -> !f.isDone()) && System.nanoTime() < wakeUntil
                && !stopping()) {
            wakeTailingProcessors();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (int i = 0; i < stopping.size(); i++) {
            try {
                stopped.get(i).join();
            } catch (RuntimeException e) {
                failed(stopping.get(i), e);
                ready.remove(stopping.get(i));
            }
        }
        long stoppedAt = System.nanoTime();
        // Each model's BEFORE checksum and reset in parallel (a thread per core): they read and write disjoint tables.
        List<Track> failed = java.util.Collections.synchronizedList(new ArrayList<>());
        inParallel(List.copyOf(ready), track -> {
            try {
                claimAndReset(track);
            } catch (RuntimeException e) {
                failed(track, e);
                failed.add(track);
            }
        });
        ready.removeAll(failed);
        log.info("Replay of {}: stopped in {} ms, BEFORE checksums and resets in {} ms", names(group),
                (stoppedAt - started) / 1_000_000, (System.nanoTime() - stoppedAt) / 1_000_000);
        return ready;
    }

    private static List<String> names(List<Track> tracks) {
        return tracks.stream().map(t -> t.name).toList();
    }

    /** Runs the action for every track, a thread per core (the calling thread's interruption is passed on). */
    private static void inParallel(List<Track> tracks, java.util.function.Consumer<Track> action) {
        int threads = Math.min(tracks.size(), Math.max(1, Runtime.getRuntime().availableProcessors()));
        if (threads <= 1) {
            tracks.forEach(action);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "read-model-replay-checksum");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Track track : tracks) {
                futures.add(pool.submit(() -> action.accept(track)));
            }
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted (the application is stopping)", e);
        } finally {
            pool.shutdown();  // not shutdownNow(): see stopping
        }
    }

    /**
     * A stopping tracking processor's thread sleeps until an event arrives or its event-availability timeout (a
     * second) passes, and only then sees that it must stop. Signalling the embedded event store's "events available"
     * condition (what the store does itself when events are appended) wakes the processors at once: they find nothing
     * new and stop. Axon keeps the lock and condition private; without them (another Axon version, another event
     * store) the stop just takes its second.
     */
    private void wakeTailingProcessors() {
        if (CONSUMER_LOCK == null || !(eventStore instanceof org.axonframework.eventsourcing.eventstore.EmbeddedEventStore)) {
            return;
        }
        try {
            java.util.concurrent.locks.Lock lock = (java.util.concurrent.locks.Lock) CONSUMER_LOCK.get(eventStore);
            java.util.concurrent.locks.Condition condition =
                    (java.util.concurrent.locks.Condition) CONSUMABLE_EVENTS.get(eventStore);
            lock.lock();
            try {
                condition.signalAll();
            } finally {
                lock.unlock();
            }
        } catch (IllegalAccessException | RuntimeException e) {
            log.debug("Could not wake the stopping processors (they stop within their event-availability timeout)", e);
        }
    }

    private static final java.lang.reflect.Field CONSUMER_LOCK =
            privateField(org.axonframework.eventsourcing.eventstore.EmbeddedEventStore.class, "consumerLock");
    private static final java.lang.reflect.Field CONSUMABLE_EVENTS =
            privateField(org.axonframework.eventsourcing.eventstore.EmbeddedEventStore.class, "consumableEventsCondition");

    /** A private field of Axon's, opened; null when this Axon version has no such field (the caller does without). */
    private static java.lang.reflect.Field privateField(Class<?> owner, String name) {
        try {
            java.lang.reflect.Field field = owner.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException | RuntimeException e) {
            return null;
        }
    }

    private boolean usable(Track track) {
        track.state = ProcessorState.REPLAYING;
        track.startedAt = clock.instant();
        if (track.processor == null) {
            fail(track, "No tracking event processor for processing group '" + track.name
                    + "' (ReadModelTables names a group that is not configured as a tracking processor)");
            return false;
        }
        if (!track.processor.supportsReset()) {
            fail(track, "The processor does not support a reset (a handler disallows replay)");
            return false;
        }
        return true;
    }

    private void failed(Track track, RuntimeException e) {
        failure("Replay of processor " + track.name, e);
        fail(track, e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    private void claimAndReset(Track track) {
        TrackingEventProcessor processor = track.processor;
        String name = processor.getName();
        TokenStore store = processing.tokenStore(name);
        TransactionManager transactions = processing.transactionManager(name);
        track.segments = transactions.fetchInTransaction(() -> store.fetchSegments(name));
        if (track.segments.length == 0) {
            throw new IllegalStateException("The processor has no token yet (never started?)");
        }
        track.positionBefore = tokenPosition(name);
        track.before = checksums.checksum(track.tables);
        track.target = Math.max(headPosition(), track.positionBefore);
        track.startedAt = clock.instant();
        withoutMessageMonitor(track);
        inSegments(track);
        rebuilds.started(track.name, track.runId, track.startedAt);
        // Claimed until the end (every batch stores the token, which extends the claim): no other node takes it.
        Runnable claim = () -> {
            for (int segment : track.segments) {
                store.fetchToken(name, segment);
            }
            track.claimed = true;
        };
        Runnable reset = () -> {
            processor.eventHandlerInvoker().performReset();
            for (int segment : track.segments) {
                store.storeToken(null, name, segment);
            }
            if (inStep.inStep(name)) {
                inStep.forget(name);
            }
        };
        if (!marks.truncates()) {
            // PostgreSQL: the tables emptied by DELETE, in the transaction that resets the tokens
            transactions.executeInTransaction(() -> {
                claim.run();
                reset.run();
            });
            return;
        }
        // H2: each TRUNCATE commits by itself; the mark, committed first, makes a failure or a crash after the first
        // one finish the reset (tables emptied, tokens back to the start) rather than leave the model half emptied
        transactions.executeInTransaction(() -> {
            claim.run();
            marks.mark(name, track.tables);
        });
        try {
            transactions.executeInTransaction(() -> {
                ReadModelReset.truncating(tables -> marks.cover(name, tables), reset);
                marks.unmark(name);
            });
        } catch (RuntimeException e) {
            try {
                marks.finish(name);
                track.claimed = false;
            } catch (RuntimeException again) {
                // left marked: the processor stays stopped, and the next start finishes the reset before it runs
                track.keepStopped = true;
                e.addSuppressed(again);
            }
            throw e;
        }
    }

    /**
     * One read of the store from its start to the highest target, in batches. Alone, a model handles each batch in
     * the reading thread; several models each get a thread of their own fed from the same read (a few batches queued
     * per model, so memory stays bounded), each batch in one transaction per model with its token: a failing model
     * fails alone, the others go on.
     */
    private void stream(List<Track> tracks) {
        long target = tracks.stream().mapToLong(t -> t.target).max().orElse(0);
        TransactionManager transactions = processing.transactionManager(tracks.get(0).processor.getName());
        // H2 only: its changed pages written at each commit, no longer every 19 MB as well (H2WriteBuffer)
        try (H2WriteBuffer widened = H2WriteBuffer.widen(dataSource, H2WriteBuffer.replaySize());
             SegmentWorkers segmentWorkers = new SegmentWorkers(tracks)) {
            if (tracks.size() == 1 || !parallel) {
                read(target, (batch, token) -> handle(tracks, batch, token, transactions));
            } else {
                inParallel(tracks, target, transactions);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted (the application is stopping)", e);
        }
        Instant now = clock.instant();
        for (Track track : tracks) {
            if (track.state == ProcessorState.REPLAYING) {
                track.done = Math.max(track.done, track.target);
                if (track.finishedAt == null) {
                    track.finishedAt = now;
                }
            }
        }
    }

    private interface BatchSink {
        void accept(List<TrackedEventMessage<?>> batch, TrackingToken token) throws InterruptedException;
    }

    private record Batch(List<TrackedEventMessage<?>> events, TrackingToken token) {
    }

    private static final Batch END = new Batch(List.of(), null);
    private static final int QUEUED_BATCHES = 3;

    private void inParallel(List<Track> tracks, long target, TransactionManager transactions) throws InterruptedException {
        // A thread per model, named after it (each task below is submitted as its thread is made, in this order)
        java.util.concurrent.atomic.AtomicInteger made = new java.util.concurrent.atomic.AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(tracks.size(), runnable -> {
            int index = made.getAndIncrement();
            Thread thread = new Thread(runnable, "read-model-replay-"
                    + (index < tracks.size() ? tracks.get(index).name : "worker"));
            thread.setDaemon(true);
            return thread;
        });
        Map<Track, BlockingQueue<Batch>> queues = new LinkedHashMap<>();
        Map<Track, Future<?>> workersByTrack = new LinkedHashMap<>();
        try {
            for (Track track : tracks) {
                BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
                queues.put(track, queue);
                workersByTrack.put(track, workers.submit(() -> {
                    for (Batch batch = queue.take(); batch != END; batch = queue.take()) {
                        handle(List.of(track), batch.events(), batch.token(), transactions);
                    }
                    track.finishedAt = clock.instant();
                    return null;
                }));
            }
            read(target, (events, token) -> {
                deserialize(events);
                Batch batch = new Batch(events, token);
                for (Track track : tracks) {
                    offer(queues.get(track), workersByTrack.get(track), batch);
                }
            });
            for (Track track : tracks) {
                offer(queues.get(track), workersByTrack.get(track), END);
            }
            for (Track track : tracks) {
                try {
                    workersByTrack.get(track).get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    failure("Replay of processor " + track.name, cause);
                    fail(track, cause.getClass().getSimpleName() + ": " + cause.getMessage());
                }
            }
        } finally {
            // not shutdownNow(): an interrupt in the middle of H2's file I/O breaks the database (see stopping). A
            // worker ends at the END that replaces what is still queued for it, after the batch it is handling.
            for (BlockingQueue<Batch> queue : queues.values()) {
                queue.clear();
                queue.offer(END);
            }
            workers.shutdown();
            if (!workers.awaitTermination(1, TimeUnit.MINUTES)) {
                log.warn("Replay workers still running after a minute");
            }
        }
    }

    /**
     * Deserializes the batch's payloads and metadata, and parses their timestamps, in the reading thread, which
     * otherwise waits for the slowest model: its worker then finds them ready. A payload that cannot be read is left
     * to the workers, whose handling fails as before.
     */
    private static void deserialize(List<TrackedEventMessage<?>> events) {
        for (TrackedEventMessage<?> event : events) {
            try {
                event.getPayload();
                event.getMetaData();
                // Parsed from the stored text once, then kept by the message (3 % of funding's thread on H2).
                event.getTimestamp();
            } catch (RuntimeException e) {
                log.debug("Event {} left to the models' workers to deserialize", event.getIdentifier(), e);
            }
        }
    }

    /** Queues a batch for a model's worker; skipped once that worker has ended (it failed). */
    private static void offer(BlockingQueue<Batch> queue, Future<?> worker, Batch batch) throws InterruptedException {
        while (!worker.isDone()) {
            if (queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    /** Reads the store once up to the target; a stream the engine ends early (a gap) is opened again from its last token. */
    private void read(long target, BatchSink sink) throws InterruptedException {
        TrackingToken token = null;
        long position = 0;
        boolean more = true;
        while (more && position < target) {
            more = false;
            try (Stream<? extends TrackedEventMessage<?>> events = storageEngine.readEvents(token, false)) {
                Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
                List<TrackedEventMessage<?>> batch = new ArrayList<>(batchSize);
                while (iterator.hasNext() && position < target) {
                    TrackedEventMessage<?> event = iterator.next();
                    if (stopping) {
                        // not an InterruptedException: its handlers set the thread's interrupt flag again, and the
                        // tokens' release that follows would then break H2's file (see stopping)
                        throw new IllegalStateException("The application is stopping");
                    }
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedException("The application is stopping");
                    }
                    batch.add(event);
                    token = event.trackingToken();
                    position = token.position().orElse(position);
                    if (batch.size() >= batchSize) {
                        sink.accept(batch, token);
                        batch = new ArrayList<>(batchSize);
                        more = true;
                    }
                }
                if (!batch.isEmpty()) {
                    sink.accept(batch, token);
                    more = true;
                }
            }
        }
    }

    private void handle(List<Track> tracks, List<TrackedEventMessage<?>> batch, TrackingToken token,
                        TransactionManager transactions) {
        if (tracks.size() == 1 && tracks.get(0).split.size() > 1) {
            handleInSegments(tracks.get(0), batch, token, transactions);
            return;
        }
        long started = System.nanoTime();
        long committing;
        Transaction transaction = transactions.startTransaction();
        try {
            for (Track track : tracks) {
                List<TrackedEventMessage<?>> handled = handledBy(track, batch);
                if (!handled.isEmpty()) {
                    process(track, handled, token, Segment.ROOT_SEGMENT);
                }
                storeToken(track, token);
            }
            committing = System.nanoTime();
            transaction.commit();
        } catch (RuntimeException | Error e) {
            transaction.rollback();
            throw e;
        }
        timed(tracks, token, started, committing);
    }

    /**
     * A model of {@link ReadModelTables#BY_AGGREGATE}: the batch's events split by the segment Axon's sequencing
     * policy gives their aggregate, each segment's events handled (in order) on a thread of its own in a transaction
     * of its own; once every segment has committed, the token in a last transaction. A crash in between leaves rows
     * ahead of the token: the processor handles those events again from its token (its handlers are idempotent, as
     * for any redelivery). A failing segment fails the model's replay; the others' rows stay, ahead of the token.
     */
    private void handleInSegments(Track track, List<TrackedEventMessage<?>> batch, TrackingToken token,
                                  TransactionManager transactions) {
        long started = System.nanoTime();
        List<TrackedEventMessage<?>> handled = handledBy(track, batch);
        List<List<TrackedEventMessage<?>>> parts = new ArrayList<>();
        track.split.forEach(segment -> parts.add(new ArrayList<>()));
        for (TrackedEventMessage<?> event : handled) {
            parts.get(segmentOf(track, event)).add(event);
        }
        List<Future<?>> others = new ArrayList<>();
        for (int i = 1; i < parts.size(); i++) {
            List<TrackedEventMessage<?>> part = parts.get(i);
            Segment segment = track.split.get(i);
            if (!part.isEmpty()) {
                others.add(track.segmentWorkers.submit(() -> inTransaction(transactions,
                        () -> process(track, part, token, segment))));
            }
        }
        RuntimeException failure = null;
        try {
            if (!parts.get(0).isEmpty()) {
                inTransaction(transactions, () -> process(track, parts.get(0), token, track.split.get(0)));
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> other : others) {
            try {
                other.get();
            } catch (ExecutionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException("A segment of " + track.name + " failed: " + e.getCause(), e.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                other.cancel(false);
                if (failure == null) {
                    failure = new IllegalStateException("Interrupted (the application is stopping)", e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        long committing = System.nanoTime();
        inTransaction(transactions, () -> storeToken(track, token));
        timed(List.of(track), token, started, committing);
    }

    /** The index in the track's split of the segment whose handlers take the event (Axon's own answer; else 0). */
    private static int segmentOf(Track track, TrackedEventMessage<?> event) {
        for (int i = 0; i < track.split.size(); i++) {
            if (track.processor.eventHandlerInvoker().canHandle(event, track.split.get(i))) {
                return i;
            }
        }
        return 0;
    }

    /** The events of the batch whose payload type the model's handlers take. */
    private static List<TrackedEventMessage<?>> handledBy(Track track, List<TrackedEventMessage<?>> batch) {
        List<TrackedEventMessage<?>> handled = new ArrayList<>(batch.size());
        for (TrackedEventMessage<?> event : batch) {
            // By payload type, asked once per type (the handlers' own invoker still matches each event to its
            // handlers, exactly as when the processor runs): a superset of the events the model handles.
            if (track.handlesType.computeIfAbsent(event.getPayloadType(),
                    type -> track.processor.eventHandlerInvoker().canHandleType(type))) {
                handled.add(event);
            }
        }
        track.handledEvents += handled.size();
        return handled;
    }

    /** The events handled by the processor's own handling, in a unit of work, in the caller's transaction. */
    private void process(Track track, List<TrackedEventMessage<?>> events, TrackingToken token, Segment segment) {
        // The resources the processor's own interceptor reads to store (or extend) its token.
        BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(events);
        unitOfWork.resources().put("Processor[" + track.processor.getName() + "]/SegmentId", track.segments[0]);
        unitOfWork.resources().put("Processor[" + track.processor.getName() + "]/Token", token);
        // The read models' writes sent in JDBC batches when the unit of work prepares its commit (or not: then the
        // processors' own LiveBatches leave this batch alone too).
        unitOfWork.resources().put(org.tremplin.platform.query.BatchedWrites.BATCHED, batchedWrites);
        try {
            PROCESS_IN_UNIT_OF_WORK.invoke(track.processor, events, unitOfWork, List.of(segment));
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            throw cause instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("A handler failed: " + cause, cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private void storeToken(Track track, TrackingToken token) {
        TokenStore store = processing.tokenStore(track.processor.getName());
        for (int segment : track.segments) {
            store.storeToken(token, track.processor.getName(), segment);
        }
    }

    /** Runs the work in a transaction of its own on this thread: committed, or rolled back and rethrown. */
    private static Void inTransaction(TransactionManager transactions, Runnable work) {
        Transaction transaction = transactions.startTransaction();
        try {
            work.run();
            transaction.commit();
            return null;
        } catch (RuntimeException | Error e) {
            transaction.rollback();
            throw e;
        }
    }

    private void timed(List<Track> tracks, TrackingToken token, long started, long committing) {
        long position = token.position().orElse(0);
        long ended = System.nanoTime();
        for (Track track : tracks) {
            track.handlingNanos += (committing - started) / tracks.size();
            track.committingNanos += (ended - committing) / tracks.size();
            track.stored = position;
            track.done = Math.max(0, Math.min(position, track.target));
        }
    }

    /**
     * The threads of the models replayed in segments: one per segment but the first (the model's own thread handles
     * it), from the start of the stream to its end.
     */
    private static final class SegmentWorkers implements AutoCloseable {
        private final List<ExecutorService> pools = new ArrayList<>();

        SegmentWorkers(List<Track> tracks) {
            for (Track track : tracks) {
                if (track.split.size() > 1) {
                    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger(1);
                    track.segmentWorkers = Executors.newFixedThreadPool(track.split.size() - 1, runnable -> {
                        Thread thread = new Thread(runnable, "read-model-replay-" + track.name + "-segment-"
                                + next.getAndIncrement());
                        thread.setDaemon(true);
                        return thread;
                    });
                    pools.add(track.segmentWorkers);
                }
            }
        }

        @Override
        public void close() {
            pools.forEach(ExecutorService::shutdown);  // not shutdownNow(): see stopping
        }
    }

    /**
     * A model of {@link ReadModelTables#BY_AGGREGATE} replayed in segments: the processor's own token interceptor
     * (which stores the token at a unit of work's first event and may extend the claim at its commit) would make every
     * segment's transaction wait on the one token row. While the replay holds the stopped processor, its token store
     * is one that leaves the token alone (the replay stores it itself, after every segment's commit); it is put back
     * before the processor starts again. Without the field (another Axon version), or with one segment, the model is
     * replayed on one thread as the others.
     */
    private void inSegments(Track track) {
        if (track.segmentsWanted < 2) {
            return;
        }
        if (PROCESSOR_TOKEN_STORE == null) {
            log.info("Replay of {} on one thread: this Axon's TrackingEventProcessor has no tokenStore field to set aside",
                    track.name);
            return;
        }
        try {
            synchronized (track) {
                if (track.tokenStore == null) {
                    TokenStore own = (TokenStore) PROCESSOR_TOKEN_STORE.get(track.processor);
                    PROCESSOR_TOKEN_STORE.set(track.processor, tokensLeftAlone(own));
                    track.tokenStore = own;
                    track.split = Segment.splitBalanced(Segment.ROOT_SEGMENT, track.segmentsWanted - 1);
                    track.segmentsUsed = track.split.size();
                }
            }
        } catch (IllegalAccessException | RuntimeException e) {
            log.info("Replay of {} on one thread: its processor's token store could not be set aside", track.name, e);
        }
    }

    private void restoreTokenStore(Track track) {
        synchronized (track) {
            if (track.tokenStore == null) {
                return;
            }
            try {
                PROCESSOR_TOKEN_STORE.set(track.processor, track.tokenStore);
                track.tokenStore = null;
                // The dead-letter invoker remembers per segment which sequences it parked: forget the replay's segments
                for (Segment segment : track.split) {
                    track.processor.eventHandlerInvoker().segmentReleased(segment);
                }
                track.processor.eventHandlerInvoker().segmentReleased(Segment.ROOT_SEGMENT);
                track.split = List.of(Segment.ROOT_SEGMENT);
            } catch (IllegalAccessException | RuntimeException e) {
                log.error("Could not give processor {} its token store back", track.name, e);
            }
        }
    }

    /** The token store with {@code storeToken} and {@code extendClaim} doing nothing; every other call goes through. */
    private static TokenStore tokensLeftAlone(TokenStore own) {
        return (TokenStore) java.lang.reflect.Proxy.newProxyInstance(TokenStore.class.getClassLoader(),
                new Class<?>[]{TokenStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("storeToken") || method.getName().equals("extendClaim")) {
                        return null;
                    }
                    try {
                        return method.invoke(own, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static final java.lang.reflect.Field PROCESSOR_TOKEN_STORE =
            privateField(TrackingEventProcessor.class, "tokenStore");

    /**
     * Axon's message monitors (Micrometer: a timer, a counter, a capacity and a latency gauge per processor and payload
     * type, looked up in the registry for every message) took a fifth of the replay's handling time (profiled), and
     * would report years-old events as the processor's latency. While the replay holds the stopped processor, its
     * monitor is set aside (the replay reports its own progress); it is put back before the processor starts again.
     * Without the field (another Axon version) the replay goes through the monitor as before.
     */
    private void withoutMessageMonitor(Track track) {
        if (monitoredReplay || MESSAGE_MONITOR == null) {
            return;
        }
        try {
            synchronized (track) {
                if (track.monitor == null) {
                    track.monitor = (org.axonframework.monitoring.MessageMonitor<?>) MESSAGE_MONITOR.get(track.processor);
                    MESSAGE_MONITOR.set(track.processor, org.axonframework.monitoring.NoOpMessageMonitor.INSTANCE);
                }
            }
        } catch (IllegalAccessException | RuntimeException e) {
            log.debug("Replay of {} through the processor's message monitor", track.name, e);
        }
    }

    private void restoreMessageMonitor(Track track) {
        synchronized (track) {
            if (track.monitor == null || MESSAGE_MONITOR == null) {
                return;
            }
            try {
                MESSAGE_MONITOR.set(track.processor, track.monitor);
                track.monitor = null;
            } catch (IllegalAccessException | RuntimeException e) {
                log.error("Could not give processor {} its message monitor back", track.name, e);
            }
        }
    }

    private static final java.lang.reflect.Field MESSAGE_MONITOR =
            privateField(AbstractEventProcessor.class, "messageMonitor");

    /** Gives the claimed tokens back (the processor, started again, claims them). */
    private void release(Track track) {
        if (!track.claimed) {
            return;
        }
        try {
            String name = track.processor.getName();
            TokenStore store = processing.tokenStore(name);
            processing.transactionManager(name).executeInTransaction(() -> {
                for (int segment : track.segments) {
                    store.releaseClaim(name, segment);
                }
            });
            track.claimed = false;
        } catch (RuntimeException e) {
            log.warn("Could not release the tokens of processor {} (they expire after the claim timeout)", track.name, e);
        }
    }

    private void compare(Track track) {
        if (track.before.sha256().equals(track.after.sha256())) {
            track.state = ProcessorState.VERIFIED;
            track.description = "Identical after replay: " + rows(track.after);
            return;
        }
        track.state = ProcessorState.DIFFERENCES;
        List<String> changes = new ArrayList<>();
        for (int i = 0; i < track.before.tables().size(); i++) {
            TableChecksum before = track.before.tables().get(i);
            TableChecksum after = track.after.tables().get(i);
            if (!before.sha256().equals(after.sha256())) {
                changes.add(before.table() + " (rows " + before.rows() + " before, " + after.rows() + " after"
                        + (before.rows() == after.rows() ? ", content differs" : "") + ")");
            }
        }
        String description = "Differed before the replay, now rebuilt from the events: " + String.join("; ", changes);
        if (!Objects.equals(track.positionBefore, track.positionAfter)) {
            description += ". Note: events were stored during the replay (position " + track.positionBefore + " before, "
                    + track.positionAfter + " after); they may explain part of the difference";
        }
        track.description = description;
    }

    private static String rows(ModelChecksum checksum) {
        return String.join(", ", checksum.tables().stream().map(t -> t.table() + " " + t.rows() + " rows").toList());
    }

    private void fail(Track track, String reason) {
        track.state = ProcessorState.FAILED;
        track.description = reason;
        track.finishedAt = clock.instant();
    }

    private void startUnlessInterrupted(TrackingEventProcessor processor) {
        // Not while the application stops: then Axon stops the processors itself.
        if (!stopping() && !processor.isRunning()) {
            processor.start();
        }
    }

    /**
     * Polls until every segment reached the position; false on timeout (or interruption). A processor that makes no
     * progress for {@link #STALL} while below the position (seen on PostgreSQL right after a restart: running, yet
     * never claiming its segment) is restarted, with its status logged.
     */
    private boolean awaitPosition(Track track, long target, Duration limit, boolean trackProgress) {
        long deadline = System.nanoTime() + limit.toNanos();
        long lastPosition = Long.MIN_VALUE;
        long lastProgress = System.nanoTime();
        while (System.nanoTime() < deadline && track.processor.isRunning()) {
            long position = position(track.processor);
            if (trackProgress) {
                track.done = Math.max(0, Math.min(position, target));
            }
            if (target <= 0 ? !track.processor.processingStatus().isEmpty() : position >= target) {
                return true;
            }
            if (position != lastPosition) {
                lastPosition = position;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
                log.warn("Processor {} stalled at position {} (target {}) for {}: {}; tokens {}; restarting it", track.name, position,
                        target, STALL, track.processor.processingStatus(), checksums.claimDiagnostics(track.processor.getName()));
                Thread.getAllStackTraces().forEach((thread, stack) -> {
                    if (thread.getName().contains(track.processor.getName())) {
                        log.warn("Thread {} ({}): {}", thread.getName(), thread.getState(),
                                java.util.Arrays.stream(stack).limit(25).map(String::valueOf).toList());
                    }
                });
                track.processor.shutDown();
                startUnlessInterrupted(track.processor);
                lastProgress = System.nanoTime();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** The lowest position of the running processor's segments; -1 when none is claimed yet. */
    private static long position(TrackingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        if (status.isEmpty()) {
            return -1;
        }
        return status.values().stream().mapToLong(s -> s.getCurrentPosition().orElse(-1)).min().orElse(-1);
    }

    private static String errorOf(TrackingEventProcessor processor) {
        return processor.processingStatus().values().stream().filter(EventTrackerStatus::isErrorState)
                .map(s -> "; error: " + (s.getError() == null ? "?" : s.getError().getMessage()))
                .findFirst().orElse("");
    }

    private long headPosition() {
        TrackingToken head = eventStore.createHeadToken();
        OptionalLong position = head == null ? OptionalLong.empty() : head.position();
        return position.orElse(0);
    }

    /** The stopped processor's position as stored in its token(s): claimed and released at once. */
    private long tokenPosition(String processorName) {
        TokenStore store = processing.tokenStore(processorName);
        TransactionManager transactions = processing.transactionManager(processorName);
        return transactions.fetchInTransaction(() -> {
            long lowest = Long.MAX_VALUE;
            for (int segment : store.fetchSegments(processorName)) {
                TrackingToken token = store.fetchToken(processorName, segment);
                store.releaseClaim(processorName, segment);
                lowest = Math.min(lowest, token == null ? 0 : token.position().orElse(0));
            }
            return lowest == Long.MAX_VALUE ? 0 : lowest;
        });
    }

    private static Method processInUnitOfWork() {
        try {
            Method method = AbstractEventProcessor.class.getDeclaredMethod("processInUnitOfWork", List.class,
                    UnitOfWork.class, Collection.class);
            method.setAccessible(true);
            return method;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("Axon's AbstractEventProcessor.processInUnitOfWork(List, UnitOfWork, Collection)"
                    + " is gone: the replay needs it", e);
        }
    }

    // ------------------------------------------------------------------------------------------ state and report

    private ReplayReport report(Run run) {
        Instant now = run.finishedAt == null ? clock.instant() : run.finishedAt;
        List<ProcessorReport> processors = new ArrayList<>();
        List<Difference> differences = new ArrayList<>();
        long done = 0;
        long total = 0;
        for (Track track : run.tracks) {
            long trackTotal = track.target != null ? track.target : track.state == ProcessorState.SKIPPED ? 0 : run.head;
            long trackDone = track.state == ProcessorState.SKIPPED ? 0 : Math.min(track.done, trackTotal);
            done += trackDone;
            total += trackTotal;
            Instant end = track.finishedAt == null ? now : track.finishedAt;
            processors.add(new ProcessorReport(track.name, track.state, track.tables,
                    progress(trackDone, trackTotal, track.startedAt, end), track.positionBefore, track.positionAfter,
                    track.before, track.after, track.description, track.segmentsUsed));
            if (track.state == ProcessorState.DIFFERENCES) {
                differences.add(new Difference(track.name, track.description));
            }
        }
        return new ReplayReport(run.id, state(run), run.requestedBy, run.startedAt, run.finishedAt, run.head,
                progress(done, total, run.startedAt, now), processors, differences, run.error);
    }

    private static State state(Run run) {
        if (run.finishedAt == null) {
            return State.RUNNING;
        }
        if (run.error != null || run.tracks.stream().anyMatch(t -> t.state == ProcessorState.FAILED
                || t.state == ProcessorState.PENDING || t.state == ProcessorState.REPLAYING)) {
            return State.FAILED;
        }
        return run.tracks.stream().anyMatch(t -> t.state == ProcessorState.DIFFERENCES) ? State.DIFFERENCES : State.VERIFIED;
    }

    private static Progress progress(long done, long total, Instant from, Instant to) {
        double percent = total <= 0 ? 100.0 : Math.round(1000.0 * done / total) / 10.0;
        if (from == null) {
            return new Progress(done, total, percent, null, null);
        }
        double seconds = Math.max(Duration.between(from, to).toMillis(), 1) / 1000.0;
        double rate = done / seconds;
        Long eta = done >= total ? Long.valueOf(0) : rate > 0 ? Long.valueOf((long) Math.ceil((total - done) / rate)) : null;
        return new Progress(done, total, percent, Math.round(rate * 10) / 10.0, eta);
    }

    /** A replay's mutable state; written by the replay thread, read by GET requests (volatile fields). */
    private final class Run {
        final String id;
        final String requestedBy;
        final Instant startedAt;
        volatile long head;
        volatile List<Track> tracks = List.of();
        volatile Instant finishedAt;
        volatile String error;
        final boolean together;

        Run(String id, String requestedBy, Instant startedAt, boolean together) {
            this.together = together;
            this.id = id;
            this.requestedBy = requestedBy;
            this.startedAt = startedAt;
        }

        void prepare(List<Track> planned) {
            this.head = headPosition();
            this.tracks = List.copyOf(planned);
        }
    }

    private static final class Track {
        final String name;
        final List<String> tables;
        final TrackingEventProcessor processor;
        volatile ProcessorState state = ProcessorState.PENDING;
        volatile Instant startedAt;
        volatile Instant finishedAt;
        volatile Long target;
        volatile long done;
        volatile Long positionBefore;
        volatile Long positionAfter;
        volatile ModelChecksum before;
        volatile ModelChecksum after;
        volatile String description;
        volatile int[] segments = new int[0];
        volatile boolean claimed;
        /** Its marked reset could be neither done nor finished (H2): it must not run before the next start. */
        volatile boolean keepStopped;
        /** The position of the token the replay stored last (0: none, from the start). */
        volatile long stored;
        /** Whether the processor's handlers take a payload type at all (asked once per type). */
        final Map<Class<?>, Boolean> handlesType = new java.util.concurrent.ConcurrentHashMap<>();
        /** The replay it belongs to. */
        volatile String runId;
        /** The segments asked for it (several only for {@link ReadModelTables#BY_AGGREGATE}). */
        volatile int segmentsWanted = 1;
        /** The segments its events were handled in (the report's). */
        volatile int segmentsUsed = 1;
        /** The segments its batches are split into ({@link ReadModelTables#BY_AGGREGATE}), the root alone otherwise. */
        volatile List<Segment> split = List.of(Segment.ROOT_SEGMENT);
        /** The threads of its segments but the first, while the store is read (null: one segment). */
        volatile ExecutorService segmentWorkers;
        /** The processor's own token store while the replay holds it (null: not swapped). */
        volatile TokenStore tokenStore;
        /** The processor's own message monitor while the replay holds it (null: not swapped). */
        volatile org.axonframework.monitoring.MessageMonitor<?> monitor;
        /**
         * Events its handlers took, and the time spent handling them and committing, for the log (models replayed in
         * one thread share a transaction: each gets an equal part of its time).
         */
        volatile long handledEvents;
        volatile long handlingNanos;
        volatile long committingNanos;

        Track(String name, List<String> tables, TrackingEventProcessor processor) {
            this.name = name;
            this.tables = tables;
            this.processor = processor;
        }
    }
}

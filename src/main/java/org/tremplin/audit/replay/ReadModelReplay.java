package org.tremplin.audit.replay;

import jakarta.annotation.PreDestroy;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
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
import org.tremplin.shared.DomainException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rebuilds every read model from the event store and tells whether it comes out as it was.
 *
 * <p>One processor after the other, in {@link ReadModelTables} order: catch up, {@code shutDown()}, checksum BEFORE
 * (at the token position then stored), {@code resetTokens()} (its {@code @ResetHandler} empties the tables),
 * {@code start()}, wait until its position reaches the event store's head, {@code shutDown()} again for a moment to
 * checksum AFTER at a known position, {@code start()}. A processor is always started again, whatever fails. While
 * a processor replays, its read model is incomplete (queries and steps reading it see partial data); the others
 * serve normally. One replay at a time, on a thread of its own.
 */
@Service
public class ReadModelReplay {

    private static final Logger log = LoggerFactory.getLogger(ReadModelReplay.class);
    private static final int KEPT_REPORTS = 20;
    private static final Duration CATCH_UP_BEFORE = Duration.ofSeconds(10);
    private static final Duration STALL = Duration.ofSeconds(5);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final ReadModelChecksums checksums;
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

    public ReadModelReplay(EventProcessingConfiguration processing, EventStore eventStore, ReadModelChecksums checksums,
                           Clock clock, @Value("${tremplin.audit.replay.timeout:PT30M}") Duration timeout) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.checksums = checksums;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** Starts a replay in the background; refused with a conflict while another runs. */
    public ReplayReport start(String requestedBy) {
        return report(launch(requestedBy).run);
    }

    /** Runs a replay to its end (command line). */
    public ReplayReport runAndWait(String requestedBy) throws InterruptedException {
        Launched launched = launch(requestedBy);
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

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    private record Launched(Run run, Future<?> future) {
    }

    private Launched launch(String requestedBy) {
        Run run = new Run(UUID.randomUUID().toString(), requestedBy, clock.instant());
        if (!current.compareAndSet(null, run)) {
            Run running = current.get();
            throw DomainException.conflict("A read-model replay is already running: " + (running == null ? "?" : running.id
                    + ", started at " + running.startedAt + " by " + running.requestedBy)
                    + "; wait for it to finish (GET /api/audit/replay/{id})");
        }
        try {
            run.prepare(plan());
            runs.put(run.id, run);
            return new Launched(run, executor.submit(() -> execute(run)));
        } catch (RuntimeException e) {
            current.set(null);
            throw e;
        }
    }

    /** The mapped processors in map order, then the unmapped tracking processors (skipped). */
    private List<Track> plan() {
        List<Track> tracks = new ArrayList<>();
        ReadModelTables.BY_PROCESSING_GROUP.forEach((group, tables) -> {
            TrackingEventProcessor processor = processing.eventProcessorByProcessingGroup(group)
                    .filter(TrackingEventProcessor.class::isInstance).map(TrackingEventProcessor.class::cast)
                    .orElse(null);
            tracks.add(new Track(processor == null ? group : processor.getName(), tables, processor));
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
            log.info("Read-model replay {} started by {} (head position {})", run.id, run.requestedBy, run.head);
            for (Track track : run.tracks) {
                if (track.state == ProcessorState.PENDING && !Thread.currentThread().isInterrupted()) {
                    replay(track);
                }
            }
        } catch (RuntimeException e) {
            run.error = e.getMessage();
            log.error("Read-model replay {} failed", run.id, e);
        } finally {
            run.finishedAt = clock.instant();
            current.set(null);
            ReplayReport report = report(run);
            log.info("Read-model replay {} ended {}: {}", run.id, report.state(), report.differences());
        }
    }

    private void replay(Track track) {
        track.state = ProcessorState.REPLAYING;
        track.startedAt = clock.instant();
        TrackingEventProcessor processor = track.processor;
        if (processor == null) {
            fail(track, "No tracking event processor for processing group '" + track.name
                    + "' (ReadModelTables names a group that is not configured as a tracking processor)");
            return;
        }
        if (!processor.supportsReset()) {
            fail(track, "The processor does not support a reset (a handler disallows replay)");
            return;
        }
        boolean wasRunning = processor.isRunning();
        try {
            // BEFORE: the model as it stands, at the position its token records (handlers and token commit together).
            awaitPosition(track, headPosition(), CATCH_UP_BEFORE, false);
            long stopping = System.nanoTime();
            processor.shutDown();
            long stoppedMillis = (System.nanoTime() - stopping) / 1_000_000;
            track.positionBefore = tokenPosition(processor.getName());
            track.before = checksums.checksum(track.tables);
            long head = headPosition();
            track.target = Math.max(head, track.positionBefore);
            track.startedAt = clock.instant();
            try {
                processor.resetTokens();
            } finally {
                startUnlessInterrupted(processor);
            }
            if (!awaitPosition(track, track.target, timeout, true)) {
                fail(track, "Did not reach the head position " + track.target + " within " + timeout
                        + " (now " + position(processor) + ")" + errorOf(processor));
                return;
            }
            track.done = track.target;
            track.finishedAt = clock.instant();
            // AFTER, at a known position again.
            stopping = System.nanoTime();
            processor.shutDown();
            stoppedMillis += (System.nanoTime() - stopping) / 1_000_000;
            try {
                track.positionAfter = tokenPosition(processor.getName());
                track.after = checksums.checksum(track.tables);
            } finally {
                startUnlessInterrupted(processor);
            }
            // Serving again (segments claimed, back at the head) before the next processor or the verdict.
            awaitPosition(track, track.positionAfter, CATCH_UP_BEFORE, false);
            compare(track);
            log.info("Replayed processor {}: {} positions, {}, {} ms from reset to verdict; {} ms stopping it (twice)", track.name,
                    track.target, track.state, Duration.between(track.startedAt, clock.instant()).toMillis(), stoppedMillis);
        } catch (RuntimeException e) {
            log.error("Replay of processor {} failed", track.name, e);
            fail(track, e.getClass().getSimpleName() + ": " + e.getMessage());
            if (wasRunning && !processor.isRunning()) {
                startUnlessInterrupted(processor);
            }
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
        // Interrupted only when the application shuts down: then Axon stops the processors itself.
        if (!Thread.currentThread().isInterrupted() && !processor.isRunning()) {
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
                    track.before, track.after, track.description));
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

        Run(String id, String requestedBy, Instant startedAt) {
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

        Track(String name, List<String> tables, TrackingEventProcessor processor) {
            this.name = name;
            this.tables = tables;
            this.processor = processor;
        }
    }
}

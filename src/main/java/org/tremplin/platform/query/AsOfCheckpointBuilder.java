package org.tremplin.platform.query;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stores "as of" checkpoints ahead of the auditors ({@link AsOfCheckpoints}): every
 * {@code tremplin.audit.as-of.checkpoint-scan-interval} (10 s) it looks through the events stored since its last look
 * for those whose sequence in their stream is a multiple of {@code checkpoint-every} (250) less one, and has each view
 * ({@link AsOfCheckpointSubjects}) store the state of the subjects that stream belongs to as of that event. So a
 * history that grows long has a stored state every 250 or so of its steps before anyone asks for it, and the first
 * "as of" of it restores the nearest and folds fewer than that many steps.
 *
 * <p>How far it looked is kept in the database per code version ({@code as_of_checkpoint_scan}), under a row lock held
 * until the range's checkpoints are stored with the new position, so that several nodes share the work rather than
 * repeat it, a node that stops midway leaves its range to be looked through again, and a new code version, whose
 * checkpoints are its own, looks through the whole store once. Building one costs a restore and at most 250 or so
 * steps folded.
 */
public class AsOfCheckpointBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(AsOfCheckpointBuilder.class);
    /** Global indexes looked through per claim. */
    static final long SCAN_RANGE = 50_000;

    /** Checkpoint events built per claim at most (each a restore and up to 250 steps folded). */
    static final int PER_CLAIM = 20;

    /** An event at a checkpoint interval: its global index, stream and time. */
    record Crossing(long globalIndex, String aggregateType, String aggregateId, Instant at) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final TransactionTemplate savepoints;
    private final AsOfCheckpoints checkpoints;
    private final List<AsOfCheckpointSubjects> subjects;
    private final int every;
    private final Duration interval;
    private ScheduledExecutorService scheduler;
    private volatile boolean forgotten;
    /** The application is stopping: no new range is claimed. */
    private volatile boolean stopping;
    /** Run after each look through the store (the restore ahead of a start, {@link ScratchDatabases#restoreAhead}). */
    private volatile Runnable afterPass = () -> { };

    public AsOfCheckpointBuilder(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                                 AsOfCheckpoints checkpoints, List<AsOfCheckpointSubjects> subjects, int every,
                                 Duration interval) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.savepoints = new TransactionTemplate(transactionManager);
        this.savepoints.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.checkpoints = checkpoints;
        this.subjects = List.copyOf(subjects);
        this.every = every;
        this.interval = interval;
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void startWhenReady() {
        if (interval.isZero() || interval.isNegative() || every < 1 || scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "as-of-checkpoints");
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::runQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        // not interrupted (BackgroundThreads): the builder ends after the range it is building
        stopping = true;
        ScheduledExecutorService running;
        synchronized (this) {
            running = scheduler;
        }
        org.tremplin.platform.BackgroundThreads.stopWithoutInterrupting(running, Duration.ofSeconds(30), LOG,
                "The \"as of\" checkpoint builder");
    }

    /** What to run after each look through the store, once at its head. */
    public void afterEachPass(Runnable action) {
        this.afterPass = action;
    }

    private void runQuietly() {
        try {
            buildUntilCaughtUp();
        } catch (RuntimeException e) {
            LOG.warn("The \"as of\" checkpoints could not be built this time: {}", e.toString());
        }
    }

    /** Claims and builds ranges until the head of the store; returns the checkpoints written. */
    public int buildUntilCaughtUp() {
        if (!forgotten) {
            int deleted = checkpoints.forgetOtherVersions();
            if (deleted > 0) {
                LOG.info("{} \"as of\" checkpoint(s) of an earlier code version deleted", deleted);
            }
            forgotten = true;
        }
        int written = 0;
        long start = System.nanoTime();
        while (!stopping && !Thread.currentThread().isInterrupted()) {
            Round round = buildNext();
            written += round.written();
            if (round.caughtUp()) {
                break;
            }
        }
        if (written > 0) {
            LOG.info("{} \"as of\" checkpoint(s) stored in {} ms", written, (System.nanoTime() - start) / 1_000_000);
        }
        afterPass.run();
        return written;
    }

    /** What one claim did: the checkpoints it wrote, and whether it reached the head of the store. */
    record Round(int written, boolean caughtUp) {
    }

    /**
     * The next range of the store after the last one looked through (by any node), under a lock on this code
     * version's row held until its checkpoints are stored: they and the new position commit together, so a node that
     * stops midway leaves the range to be looked through again, and the other nodes wait for it or try again later.
     * At most {@value #PER_CLAIM} checkpoint events per claim, each built under a savepoint: one that fails is logged
     * and skipped without undoing the others.
     */
    Round buildNext() {
        String version = checkpoints.codeVersion();
        try {
            return transactions.execute(status -> {
                Long scanned = jdbc.query("SELECT scanned_to FROM as_of_checkpoint_scan WHERE code_version = ? FOR UPDATE",
                        rs -> rs.next() ? rs.getLong(1) : null, version);
                if (scanned == null) {
                    jdbc.update("INSERT INTO as_of_checkpoint_scan (code_version, scanned_to) VALUES (?, ?)", version, -1L);
                    scanned = -1L;
                }
                Long head = jdbc.queryForObject("SELECT MAX(globalIndex) FROM DomainEventEntry", Long.class);
                if (head == null || head <= scanned) {
                    return new Round(0, true);
                }
                long to = Math.min(head, scanned + SCAN_RANGE);
                List<Crossing> crossings = jdbc.query("SELECT globalIndex, type, aggregateIdentifier, timeStamp"
                                + " FROM DomainEventEntry WHERE globalIndex > ? AND globalIndex <= ?"
                                + " AND MOD(sequenceNumber + 1, ?) = 0 ORDER BY globalIndex LIMIT " + (PER_CLAIM + 1),
                        (rs, i) -> new Crossing(rs.getLong(1), rs.getString(2), rs.getString(3),
                                StoredEvents.storedInstant(rs.getString(4))), scanned, to, every);
                if (crossings.size() > PER_CLAIM) {
                    crossings = crossings.subList(0, PER_CLAIM);
                    to = crossings.get(PER_CLAIM - 1).globalIndex();
                }
                int written = 0;
                for (Crossing crossing : crossings) {
                    written += build(crossing);
                }
                jdbc.update("UPDATE as_of_checkpoint_scan SET scanned_to = ? WHERE code_version = ?", to, version);
                return new Round(written, to == head);
            });
        } catch (DataAccessException e) {
            // another node inserted this version's row at the same time, or holds it longer than the lock timeout
            LOG.debug("The \"as of\" checkpoint scan was not claimed: {}", e.toString());
            return new Round(0, true);
        }
    }

    private int build(Crossing crossing) {
        int written = 0;
        for (AsOfCheckpointSubjects view : subjects) {
            try {
                Integer stored = savepoints.execute(status -> view.checkpointAfter(crossing.aggregateType(),
                        crossing.aggregateId(), crossing.at()));
                written += stored == null ? 0 : stored;
            } catch (RuntimeException e) {
                LOG.warn("No \"as of\" checkpoint for {} as of {}: {}", crossing.aggregateId(), crossing.at(),
                        e.toString());
            }
        }
        return written;
    }
}

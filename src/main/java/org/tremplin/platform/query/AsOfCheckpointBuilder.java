package org.tremplin.platform.query;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
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
 * <p>How far it looked is kept in the database per code version ({@code as_of_checkpoint_scan}), claimed under a row
 * lock, so that several nodes share the work rather than repeat it, a restart goes on where it stopped, and a new code
 * version, whose checkpoints are its own, looks through the whole store once. A node that stops between claiming a
 * range and storing its checkpoints leaves them to the requests, which store the state of any replay longer than 250
 * steps. Looking through 10⁶ events costs about a second; building, a restore and at most 250 steps per checkpoint.
 */
public class AsOfCheckpointBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(AsOfCheckpointBuilder.class);
    /** Global indexes looked through per claim. */
    static final long SCAN_RANGE = 50_000;

    /** An event at a checkpoint interval: its stream and time. */
    record Crossing(String aggregateType, String aggregateId, Instant at) {
    }

    /** A range of the store claimed: its crossings, and whether it reached the head. */
    record Claim(List<Crossing> crossings, boolean caughtUp) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final AsOfCheckpoints checkpoints;
    private final List<AsOfCheckpointSubjects> subjects;
    private final int every;
    private final Duration interval;
    private ScheduledExecutorService scheduler;
    private volatile boolean forgotten;
    private volatile long built;

    public AsOfCheckpointBuilder(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                                 AsOfCheckpoints checkpoints, List<AsOfCheckpointSubjects> subjects, int every,
                                 Duration interval) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
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
    synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
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
        while (!Thread.currentThread().isInterrupted()) {
            Claim claim = claim();
            for (Crossing crossing : claim.crossings()) {
                written += build(crossing);
            }
            if (claim.caughtUp()) {
                break;
            }
        }
        built += written;
        return written;
    }

    /** Checkpoints written by this node since it started. */
    public long built() {
        return built;
    }

    private int build(Crossing crossing) {
        int written = 0;
        for (AsOfCheckpointSubjects view : subjects) {
            try {
                written += view.checkpointAfter(crossing.aggregateType(), crossing.aggregateId(), crossing.at());
            } catch (RuntimeException e) {
                LOG.warn("No \"as of\" checkpoint for {} as of {}: {}", crossing.aggregateId(), crossing.at(),
                        e.toString());
            }
        }
        return written;
    }

    /**
     * The next range of the store after the last one claimed (by any node), under a lock on this code version's row:
     * the events in it at a checkpoint interval of their stream.
     */
    Claim claim() {
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
                    return new Claim(List.of(), true);
                }
                long to = Math.min(head, scanned + SCAN_RANGE);
                List<Crossing> crossings = jdbc.query("SELECT type, aggregateIdentifier, timeStamp FROM DomainEventEntry"
                                + " WHERE globalIndex > ? AND globalIndex <= ? AND MOD(sequenceNumber + 1, ?) = 0"
                                + " ORDER BY globalIndex",
                        (rs, i) -> new Crossing(rs.getString(1), rs.getString(2), StoredEvents.storedInstant(rs.getString(3))),
                        scanned, to, every);
                jdbc.update("UPDATE as_of_checkpoint_scan SET scanned_to = ? WHERE code_version = ?", to, version);
                return new Claim(crossings, to == head);
            });
        } catch (DataAccessException e) {
            // another node inserted this version's row at the same time, or holds it: next time
            LOG.debug("The \"as of\" checkpoint scan was not claimed: {}", e.toString());
            return new Claim(List.of(), true);
        }
    }
}

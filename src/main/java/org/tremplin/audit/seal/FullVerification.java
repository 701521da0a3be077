package org.tremplin.audit.seal;

import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;
import org.tremplin.audit.seal.SealVerification.Mode;
import org.tremplin.audit.seal.SealVerifier.ExternalCheckpoint;
import org.tremplin.shared.DomainException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The full verification (every index from 1, trusting nothing) in the background, one at a time per node, with its
 * progress: indexes done out of total, rate, estimated time left, and the outcome once finished.
 */
@Component
public class FullVerification {

    /**
     * Where the latest full verification stands.
     *
     * @param state         NONE (never run since start), RUNNING, FINISHED or FAILED (an error, not a broken chain:
     *                      a broken chain is FINISHED with its result)
     * @param done          indexes recomputed so far
     * @param total         indexes to recompute (the chain's length when the run started)
     * @param ratePerSecond indexes per second so far
     * @param etaSeconds    estimated seconds left while RUNNING, else null
     * @param startedBy     who asked
     * @param result        the outcome once FINISHED, else null
     * @param error         why it FAILED, else null
     */
    public record Status(String state, long done, long total, double ratePerSecond, Long etaSeconds,
                         Instant startedAt, Instant finishedAt, String startedBy, SealVerification result,
                         String error) {
    }

    private static final Status NEVER = new Status("NONE", 0, 0, 0, null, null, null, null, null, null);

    private final SealVerifier verifier;
    private final Clock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "seal-full-verification");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<Status> status = new AtomicReference<>(NEVER);
    private CompletableFuture<SealVerification> running;
    private volatile boolean stopping;

    FullVerification(SealVerifier verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    /** Starts a full verification in the background; 409 while one runs. */
    public synchronized Status start(ExternalCheckpoint external, String user) {
        if (running != null && !running.isDone()) {
            throw DomainException.conflict("A full verification is already running (" + describe(status.get())
                    + "): wait for it to finish, GET /api/audit/verifications/full shows its progress");
        }
        Instant startedAt = clock.instant();
        long startNanos = System.nanoTime();
        status.set(new Status("RUNNING", 0, 0, 0, null, startedAt, null, user, null, null));
        running = CompletableFuture.supplyAsync(() -> verifier.verify(external, Mode.FULL, (done, total) -> {
            if (stopping) {
                // ends the run between two pages (nothing recorded): never interrupted, see stop()
                throw new IllegalStateException("The application is stopping: the full verification ended at index "
                        + done + " of " + total + ", nothing recorded; start it again once the application is up");
            }
            double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
            double rate = done / seconds;
            Long eta = rate > 0 ? (long) Math.ceil((total - done) / rate) : null;
            status.set(new Status("RUNNING", done, total, rate, eta, startedAt, null, user, null, null));
        }), executor);
        running.whenComplete((result, error) -> {
            Status last = status.get();
            double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
            if (error != null) {
                Throwable cause = error.getCause() == null ? error : error.getCause();
                status.set(new Status("FAILED", last.done(), last.total(), last.done() / seconds, null, startedAt,
                        clock.instant(), user, null, String.valueOf(cause.getMessage())));
            } else {
                status.set(new Status("FINISHED", last.total(), last.total(), last.total() / seconds, null, startedAt,
                        clock.instant(), user, result, null));
            }
        });
        return status.get();
    }

    /** Runs a full verification and waits for its outcome (one at a time: 409 while another runs). */
    public SealVerification run(ExternalCheckpoint external, String user) {
        start(external, user);
        CompletableFuture<SealVerification> mine;
        synchronized (this) {
            mine = running;
        }
        try {
            return mine.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    public Status status() {
        return status.get();
    }

    private static String describe(Status status) {
        return status.done() + " of " + status.total() + " indexes"
                + (status.etaSeconds() == null ? "" : ", about " + Duration.ofSeconds(status.etaSeconds()) + " left");
    }

    @PreDestroy
    void stop() {
        // not interrupted (org.tremplin.platform.BackgroundThreads: an interrupt in the middle of H2's file I/O breaks
        // the database for everyone): a run ends at its next progress report, every 1,000 indexes
        stopping = true;
        org.tremplin.platform.BackgroundThreads.stopWithoutInterrupting(executor, java.time.Duration.ofSeconds(30),
                org.slf4j.LoggerFactory.getLogger(FullVerification.class), "A full seal verification");
    }
}

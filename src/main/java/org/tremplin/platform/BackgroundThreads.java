package org.tremplin.platform;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stopping the application's own background threads without interrupting them.
 *
 * <p>A thread interrupted in the middle of a read or write of the embedded H2 file closes that file's channel for
 * every session (Java's NIO: a {@code FileChannel} is an interruptible channel), so the database fails under everyone
 * ("The database has been closed"), and H2 2.3's threads may then spin in {@code MVStore.registerVersionUsage}: the
 * process never exits. Seen on the 10⁶-event store: a SIGTERM while the "as of" checkpoint builder read the store, and
 * another during a replay (two cores busy for minutes, until killed). So these threads are never interrupted: each is
 * told that the application is stopping (its own flag, read between its units of work) and given a bounded time to
 * end; past it the context goes on closing and the thread meets a closed pool, not a broken file. Interrupts from
 * libraries (Axon's processors interrupt a worker still running five seconds after their shutdown) are met by the
 * default URL's {@code retry:} file system, which reopens the file instead ({@code H2FileSystemCheck}).
 */
public final class BackgroundThreads {

    private BackgroundThreads() {
    }

    /** Stops taking tasks and waits up to {@code wait} for the running one to end; never interrupts it. */
    public static void stopWithoutInterrupting(ExecutorService executor, Duration wait, Logger log, String what) {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{} still running {} s after the application began to stop; left to end on its own",
                        what, wait.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

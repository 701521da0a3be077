package org.tremplin.platform.config;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A count of signals that threads can wait on: a waiter reads {@link #count()} <em>before</em> it looks at what it
 * waits for, and {@link #awaitAfter(long, long)} returns at once when a signal came in between, so none is lost.
 * Signalling unparks the threads waiting at that moment; there is no lock on either side.
 *
 * <p>Used by the threads that wait for the tracking processors to move ({@link ProcessorProgress}: any number of
 * requests) and by each processor's stream waiting for events it handles ({@link ProcessorWakeups}: one thread).
 */
final class Signal {

    private final AtomicLong count = new AtomicLong();
    private final Set<Thread> waiting = ConcurrentHashMap.newKeySet();

    /** How many signals were given so far; read it before looking at what is waited for. */
    long count() {
        return count.get();
    }

    /** Counts a signal and wakes the threads waiting for one. */
    void signal() {
        count.incrementAndGet();
        for (Thread thread : waiting) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * Parks the calling thread until a signal is given after {@code seen} (a value of {@link #count()}), at most
     * {@code maxNanos}, or until the thread is interrupted (its interrupt status is left set).
     */
    void awaitAfter(long seen, long maxNanos) {
        Thread current = Thread.currentThread();
        long deadline = System.nanoTime() + maxNanos;
        waiting.add(current);
        try {
            while (count.get() == seen && !current.isInterrupted()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                LockSupport.parkNanos(this, left);
            }
        } finally {
            waiting.remove(current);
        }
    }
}

package org.tremplin.platform.observability;

import io.micrometer.core.instrument.Clock;

import java.time.Duration;
import java.util.Arrays;

/**
 * The time spent handling messages over a sliding window, added up in buckets of one second: what the capacity gauge
 * of Axon's {@code CapacityMonitor} reads, without keeping each measurement.
 *
 * <p>Axon's {@code SlidingTimeWindowReservoir} puts every measurement in a {@code ConcurrentSkipListMap} keyed by its
 * time and keeps it for the whole window (ten minutes), and every event processor reports every event, the ones it
 * ignores included: under four clients a node held 230,000-300,000 entries (some 25 MB, long-lived, hence
 * old-generation garbage), and their inserts were 2.5 % of the server's CPU samples (src/docs/performance.md, session
 * 40). Here a measurement is added to the bucket of the second it ends in; the window is the current second and the
 * {@code buckets - 1} before it. The total differs from the reservoir's only by what ended in the oldest second of the
 * window (the reservoir drops a measurement exactly one window after it ended, this up to a second earlier).
 */
final class BusyTimeWindow {

    private static final long BUCKET_NANOS = 1_000_000_000L;

    private final Clock clock;
    private final long windowNanos;
    private final long[] busyNanos;
    /** The second each slot holds ({@link Long#MIN_VALUE}: none yet). */
    private final long[] secondOf;

    BusyTimeWindow(Duration window, Clock clock) {
        if (window.toNanos() < BUCKET_NANOS || window.toNanos() % BUCKET_NANOS != 0) {
            throw new IllegalArgumentException("A window of whole seconds, at least one: " + window);
        }
        this.clock = clock;
        this.windowNanos = window.toNanos();
        int buckets = Math.toIntExact(windowNanos / BUCKET_NANOS);
        this.busyNanos = new long[buckets];
        this.secondOf = new long[buckets];
        Arrays.fill(secondOf, Long.MIN_VALUE);
    }

    /** Adds a measurement that ends now. */
    synchronized void add(long nanos) {
        long second = Math.floorDiv(clock.monotonicTime(), BUCKET_NANOS);
        int slot = Math.floorMod(second, busyNanos.length);
        if (secondOf[slot] != second) {
            secondOf[slot] = second;
            busyNanos[slot] = 0;
        }
        busyNanos[slot] += nanos;
    }

    /** The time measured in the window, in nanoseconds. */
    synchronized long busyNanos() {
        long now = Math.floorDiv(clock.monotonicTime(), BUCKET_NANOS);
        long total = 0;
        for (int slot = 0; slot < busyNanos.length; slot++) {
            if (secondOf[slot] != Long.MIN_VALUE && now - secondOf[slot] < busyNanos.length) {
                total += busyNanos[slot];
            }
        }
        return total;
    }

    /** The share of the window spent handling: the capacity gauge's value. */
    double share() {
        return busyNanos() / (double) windowNanos;
    }
}

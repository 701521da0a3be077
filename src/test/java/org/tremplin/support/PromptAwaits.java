package org.tremplin.support;

import org.awaitility.Awaitility;
import org.awaitility.pollinterval.PollInterval;
import org.junit.jupiter.api.extension.Extension;

import java.time.Duration;

/**
 * Awaitility's defaults for every test JVM (registered for all test classes through
 * {@code META-INF/services/org.junit.jupiter.api.extension.Extension} and {@code junit-platform.properties}): an
 * {@code await()} without a poll interval of its own checks its condition at once, then after 10, 20, 40, 80 ms and
 * every 100 ms from there on.
 *
 * <p>Awaitility's own default (a fixed 100 ms interval, and as long a delay before the first check) made every
 * {@code await()} sleep at least 100 ms even when the read model had already caught up, which it mostly has: the
 * API tests await a project, a task or an organisation after nearly every step (measured: an already-true condition
 * took 100.7 ms by default, 3.7 ms with these). What a test waits for and how long at most are unchanged; an
 * {@code await()} that sets its own {@code pollInterval} keeps it.
 */
public final class PromptAwaits implements Extension {

    /** The interval before the n-th check after the first: 10, 20, 40, 80, then 100 ms. */
    static final PollInterval DOUBLING_TO_100_MS = (pollCount, previous) ->
            Duration.ofMillis(Math.min(100L, 10L << Math.min(Math.max(pollCount - 1, 0), 4)));

    static {
        // a poll interval that is not a fixed one: Awaitility then checks the condition at once (no poll delay)
        Awaitility.setDefaultPollInterval(DOUBLING_TO_100_MS);
    }
}

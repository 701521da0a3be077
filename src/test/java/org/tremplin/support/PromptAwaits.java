package org.tremplin.support;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionEvaluationListener;
import org.awaitility.core.EvaluatedCondition;
import org.awaitility.pollinterval.PollInterval;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Awaitility's defaults for every test JVM (registered for all test classes through
 * {@code META-INF/services/org.junit.jupiter.api.extension.Extension} and {@code junit-platform.properties}): an
 * {@code await()} without a poll interval of its own checks its condition at once, then after 10, 20, 40, 80 ms and
 * every 100 ms from there on.
 *
 * <p>Awaitility's own default (a fixed 100 ms interval, and as long a delay before the first check) made every
 * {@code await()} sleep at least 100 ms even when the read model had already caught up, which it nearly always has:
 * the API tests await a project, a task or an organisation after nearly every step (measured: an already-true
 * condition took 100.7 ms by default, 3.7 ms with these). What a test waits for and how long at most are unchanged;
 * an {@code await()} that sets its own {@code pollInterval} keeps it.
 *
 * <p>{@code -Dtremplin.awaits.report=true} prints, after each test class, how many awaits it ran, how many conditions
 * it evaluated and the time spent until they held ({@code AWAITS} lines).
 */
public final class PromptAwaits implements AfterAllCallback {

    /** The interval before the n-th check after the first: 10, 20, 40, 80, then 100 ms. */
    static final PollInterval DOUBLING_TO_100_MS = (pollCount, previous) ->
            Duration.ofMillis(Math.min(100L, 10L << Math.min(Math.max(pollCount - 1, 0), 4)));

    private static final boolean REPORT = Boolean.getBoolean("tremplin.awaits.report");
    private static final AtomicLong AWAITS = new AtomicLong();
    private static final AtomicLong EVALUATIONS = new AtomicLong();
    private static final AtomicLong MILLIS = new AtomicLong();

    static {
        // a poll interval that is not a fixed one: Awaitility then checks the condition at once (no poll delay)
        Awaitility.setDefaultPollInterval(DOUBLING_TO_100_MS);
        if (REPORT) {
            Awaitility.setDefaultConditionEvaluationListener(new ConditionEvaluationListener<Object>() {
                @Override
                public void conditionEvaluated(EvaluatedCondition<Object> condition) {
                    EVALUATIONS.incrementAndGet();
                    if (condition.isSatisfied()) {
                        AWAITS.incrementAndGet();
                        MILLIS.addAndGet(condition.getElapsedTimeInMS());
                    }
                }
            });
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (REPORT) {
            System.out.println("AWAITS " + context.getRequiredTestClass().getName() + " awaits=" + AWAITS.getAndSet(0)
                    + " evaluations=" + EVALUATIONS.getAndSet(0) + " ms=" + MILLIS.getAndSet(0));
        }
    }
}

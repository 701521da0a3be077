package org.tremplin.platform.config;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The wake-up a waiting write sleeps on: no report is lost between a waiter's look and its sleep. */
class ProcessorProgressTest {

    private static final long TEN_SECONDS = TimeUnit.SECONDS.toNanos(10);

    @Test
    void a_change_reported_after_the_waiter_looked_ends_its_wait_at_once() {
        ProcessorProgress progress = new ProcessorProgress();
        long seen = progress.changes();
        progress.onEventTrackerStatusChange(Map.of());

        long started = System.nanoTime();
        progress.awaitChangeAfter(seen, TEN_SECONDS);
        assertThat(System.nanoTime() - started).as("a wait after a missed report").isLessThan(TimeUnit.SECONDS.toNanos(5));
        assertThat(progress.changes()).isEqualTo(seen + 1);
    }

    @Test
    void a_waiter_sleeps_until_a_processor_reports_a_change() throws Exception {
        ProcessorProgress progress = new ProcessorProgress();
        long seen = progress.changes();
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<Long> woken = CompletableFuture.supplyAsync(() -> {
            waiting.countDown();
            progress.awaitChangeAfter(seen, TEN_SECONDS);
            return progress.changes();
        });
        waiting.await();
        Thread.sleep(50);
        assertThat(woken).as("no change reported yet").isNotDone();

        progress.onEventTrackerStatusChange(Map.of());
        assertThat(woken.get(5, TimeUnit.SECONDS)).isEqualTo(seen + 1);
    }

    @Test
    void without_a_report_the_wait_ends_at_its_bound() {
        ProcessorProgress progress = new ProcessorProgress();
        long started = System.nanoTime();
        progress.awaitChangeAfter(progress.changes(), TimeUnit.MILLISECONDS.toNanos(20));
        assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
        assertThat(progress.validatePositions()).as("a processor's new position counts as a change").isTrue();
    }
}

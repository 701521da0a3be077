package org.tremplin.platform;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Background threads are stopped without an interrupt (an interrupt in the middle of H2's file I/O breaks it). */
class BackgroundThreadsTest {

    @Test
    void the_running_task_ends_its_work_uninterrupted_and_the_stop_waits_for_it() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean finished = new AtomicBoolean();
        executor.execute(() -> {
            started.countDown();
            long end = System.nanoTime() + Duration.ofMillis(300).toNanos();
            while (System.nanoTime() < end) {  // busy, as a thread in the middle of a write would be
                if (Thread.currentThread().isInterrupted()) {
                    interrupted.set(true);
                }
            }
            finished.set(true);
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        BackgroundThreads.stopWithoutInterrupting(executor, Duration.ofSeconds(10),
                LoggerFactory.getLogger(BackgroundThreadsTest.class), "a task");

        assertThat(finished).as("the stop waited for the task").isTrue();
        assertThat(interrupted).as("never interrupted").isFalse();
        assertThat(executor.isTerminated()).isTrue();
    }

    @Test
    void past_the_bound_the_stop_returns_and_still_leaves_the_task_uninterrupted() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        executor.execute(() -> {
            started.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        long before = System.nanoTime();
        BackgroundThreads.stopWithoutInterrupting(executor, Duration.ofMillis(200),
                LoggerFactory.getLogger(BackgroundThreadsTest.class), "a task");

        assertThat(Duration.ofNanos(System.nanoTime() - before)).isBetween(Duration.ofMillis(150), Duration.ofSeconds(10));
        assertThat(executor.isTerminated()).as("still running, left to end on its own").isFalse();
        release.countDown();
        assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(interrupted).isFalse();
    }
}

package org.tremplin.audit.web;

import org.junit.jupiter.api.Test;
import org.tremplin.shared.DomainException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The node's 360Giving export slots: never more at once than slots, a late one waits its bound then a conflict. */
class ExportSlotsTest {

    @Test
    void never_more_exports_at_once_than_slots_and_each_waiting_one_gets_its_turn() throws Exception {
        ExportSlots slots = new ExportSlots(2, Duration.ofSeconds(20));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int n = i;
                done.add(pool.submit(() -> slots.run(() -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    running.decrementAndGet();
                    return n;
                })));
            }
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> f : done) {
                results.add(f.get(10, TimeUnit.SECONDS));
            }
            assertThat(results).containsExactly(0, 1, 2, 3, 4, 5);
            assertThat(most.get()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_late_export_waits_its_bound_then_is_refused_as_a_conflict_and_the_slot_serves_again_once_free() throws Exception {
        ExportSlots slots = new ExportSlots(1, Duration.ofMillis(300));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<String> first = other.submit(() -> slots.run(() -> {
                holding.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "first";
            }));
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();
            assertThatThrownBy(() -> slots.run(() -> "second")).isInstanceOfSatisfying(DomainException.class, e -> {
                assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
                assertThat(e.getMessage()).contains("already writing 1 360Giving export(s)").contains("try again");
            });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
            assertThat(slots.run(() -> "third")).isEqualTo("third");
        } finally {
            release.countDown();
            other.shutdownNow();
        }
    }

    @Test
    void a_failing_export_gives_its_slot_back() throws Exception {
        ExportSlots slots = new ExportSlots(1, Duration.ofMillis(100));
        assertThatThrownBy(() -> slots.run(() -> {
            throw new java.io.IOException("client gone");
        })).isInstanceOf(java.io.IOException.class);
        assertThat(slots.run(() -> "next")).isEqualTo("next");
        assertThatThrownBy(() -> new ExportSlots(0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}

package org.tremplin.platform.observability;

import io.micrometer.core.instrument.MockClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The capacity gauge's window: the time handled in the last ten minutes, per second, as the measurements age. */
class BusyTimeWindowTest {

    private final MockClock clock = new MockClock();
    private final BusyTimeWindow window = new BusyTimeWindow(Duration.ofMinutes(10), clock);

    @Test
    void the_measurements_of_the_window_add_up_to_its_share() {
        assertThat(window.busyNanos()).isZero();
        window.add(TimeUnit.MILLISECONDS.toNanos(20));
        window.add(TimeUnit.MILLISECONDS.toNanos(30));
        clock.add(Duration.ofSeconds(61));
        window.add(TimeUnit.SECONDS.toNanos(6));

        assertThat(window.busyNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(6_050));
        assertThat(window.share()).isEqualTo(6.05 / 600);
    }

    @Test
    void a_measurement_leaves_the_window_ten_minutes_after_the_second_it_ended_in() {
        window.add(100);
        clock.add(Duration.ofSeconds(30));
        window.add(20);
        clock.add(Duration.ofSeconds(569));
        assertThat(window.busyNanos()).isEqualTo(120);   // 599 s after the first: still in
        clock.add(Duration.ofSeconds(1));
        assertThat(window.busyNanos()).isEqualTo(20);    // 600 s after: out
        clock.add(Duration.ofSeconds(30));
        assertThat(window.busyNanos()).isZero();
        assertThat(window.share()).isZero();
    }

    @Test
    void a_slot_used_again_a_window_later_starts_from_nothing() {
        window.add(500);
        clock.add(Duration.ofMinutes(10));   // the same slot, ten minutes on
        window.add(7);
        assertThat(window.busyNanos()).isEqualTo(7);
        clock.add(Duration.ofMinutes(25));   // long idle: every slot stale
        window.add(3);
        assertThat(window.busyNanos()).isEqualTo(3);
    }

    @Test
    void measurements_from_several_threads_are_all_counted() throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(new Thread(() -> {
                for (int i = 0; i < 100_000; i++) {
                    window.add(1);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(window.busyNanos()).isEqualTo(400_000);
    }

    @Test
    void a_window_must_be_whole_seconds() {
        assertThatThrownBy(() -> new BusyTimeWindow(Duration.ofMillis(1500), clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BusyTimeWindow(Duration.ZERO, clock)).isInstanceOf(IllegalArgumentException.class);
    }
}

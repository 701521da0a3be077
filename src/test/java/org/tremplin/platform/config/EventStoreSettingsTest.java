package org.tremplin.platform.config;

import org.junit.jupiter.api.Test;
import org.springframework.test.util.ReflectionTestUtils;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The event store's and its processors' settings are checked before anything is built from them. */
class EventStoreSettingsTest {

    @Test
    void a_gap_timeout_that_is_not_positive_is_refused_naming_the_setting() {
        for (Duration refused : new Duration[]{Duration.ZERO, Duration.ofSeconds(-1)}) {
            assertThatThrownBy(() -> new AxonConfig().eventStorageEngine(null, null, null, null, null, null, null, 1000, refused))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("tremplin.event-store.gap-timeout must be positive")
                    .hasMessageContaining(refused.toString());
        }
    }

    @Test
    void a_processors_longest_sleep_must_be_over_zero_and_at_most_ten_seconds() {
        for (Duration refused : new Duration[]{Duration.ZERO, Duration.ofMillis(-50), Duration.ofMillis(10_001)}) {
            assertThatThrownBy(() -> new AxonConfig().processorWakeups(refused))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("tremplin.event-processing.longest-sleep must be over 0 and at most 10 s")
                    .hasMessageContaining(refused.toString());
        }
        for (Duration accepted : new Duration[]{Duration.ofMillis(1), Duration.ofMillis(500), Duration.ofSeconds(10)}) {
            assertThat(ReflectionTestUtils.getField(new AxonConfig().processorWakeups(accepted), "longestSleepNanos"))
                    .isEqualTo(accepted.toNanos());
        }
    }
}

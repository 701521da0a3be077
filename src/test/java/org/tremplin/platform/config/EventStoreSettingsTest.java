package org.tremplin.platform.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The event store's settings are checked before anything is built from them. */
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
}

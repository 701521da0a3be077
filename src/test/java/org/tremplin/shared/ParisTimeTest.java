package org.tremplin.shared;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** A Paris day ends at the following Paris midnight, in winter, in summer and across the clock changes. */
class ParisTimeTest {

    @Test
    void a_day_is_over_at_the_following_midnight_in_paris() {
        assertThat(ParisTime.endOfDay(LocalDate.of(2027, 1, 15))).isEqualTo(Instant.parse("2027-01-15T23:00:00Z"));
        assertThat(ParisTime.endOfDay(LocalDate.of(2027, 7, 15))).isEqualTo(Instant.parse("2027-07-15T22:00:00Z"));
        // the night the clocks go forward (28 March 2027) and back (31 October 2027)
        assertThat(ParisTime.endOfDay(LocalDate.of(2027, 3, 27))).isEqualTo(Instant.parse("2027-03-27T23:00:00Z"));
        assertThat(ParisTime.endOfDay(LocalDate.of(2027, 3, 28))).isEqualTo(Instant.parse("2027-03-28T22:00:00Z"));
        assertThat(ParisTime.endOfDay(LocalDate.of(2027, 10, 30))).isEqualTo(Instant.parse("2027-10-30T22:00:00Z"));
        assertThat(ParisTime.endOfDay(LocalDate.of(2027, 10, 31))).isEqualTo(Instant.parse("2027-10-31T23:00:00Z"));
    }

    @Test
    void today_is_the_day_in_paris_not_in_utc() {
        Clock lateEvening = Clock.fixed(Instant.parse("2026-12-31T23:30:00Z"), ZoneOffset.UTC);
        assertThat(ParisTime.today(lateEvening)).isEqualTo(LocalDate.of(2027, 1, 1));
    }
}

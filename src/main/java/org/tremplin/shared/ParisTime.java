package org.tremplin.shared;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The pole's time: dates typed and shown by people are days in Paris, and a day is over at the following midnight
 * in Paris (a deadline "on 31 March" runs until 1 April, 00:00, Paris time). The one place that says so.
 */
public final class ParisTime {

    /** The time zone of the pole's days. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    private ParisTime() {
    }

    /** Today in Paris, by the given clock. */
    public static LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(ZONE));
    }

    /** Today in Paris. */
    public static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    /** The instant a Paris day is over: its following midnight, Paris time. */
    public static Instant endOfDay(LocalDate day) {
        return day.plusDays(1).atStartOfDay(ZONE).toInstant();
    }
}

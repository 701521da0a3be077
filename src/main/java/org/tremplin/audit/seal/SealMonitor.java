package org.tremplin.audit.seal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToDoubleFunction;

/**
 * Seal lag for operators: the {@code seal} health contributor (details: sealedThrough, unsealedEvents,
 * oldestUnsealedAgeSeconds, pendingGaps, withinBound, and when and how fast they were read) and the gauges
 * {@code tremplin.seal.lag.seconds}, {@code tremplin.seal.unsealed.events} and {@code tremplin.seal.pending.gaps}.
 * Read from the database (so every node reports the shared chain, whichever node seals): four queries per reading,
 * one of them a count of the unsealed events. Counting them all took 22–26 s for 371,536 on H2, and 3 s for a
 * million (with 2.5 GB of garbage, every reading: the timelines' slowest answers were its collections), so they are
 * counted up to {@link SealLag#COUNTED_UP_TO} and beyond that given as the span of global indexes after the seal
 * ({@code unsealedEventsCounted} false; an upper bound). Nothing reads at a call: one reading is taken in the
 * background every {@code tremplin.observability.refresh} (10 s), and both the health check and the gauges show it,
 * with its age ({@code readAt}, {@code readingAgeSeconds}).
 *
 * <p>Status, from facts already measured only: UNKNOWN before the first reading has finished (the health's overall
 * status stays UP: Spring's aggregation ranks UNKNOWN last), DOWN when the latest reading failed (the database could
 * not be read; the last good figures stay in the details), UP otherwise.
 */
@Component("sealHealthIndicator")
class SealMonitor implements HealthIndicator {

    /** A reading: the lag, when it finished and how long it took. */
    record Reading(SealLag lag, Instant takenAt, long tookMillis) {
    }

    /** The latest failed attempt, while no reading has succeeded since. */
    record Failure(String error, Instant at) {
    }

    private final SealVerifier verifier;
    private final SealSettings settings;
    private final Clock clock;
    private volatile Reading last;
    private volatile Failure failure;

    SealMonitor(SealVerifier verifier, SealSettings settings, MeterRegistry registry, Clock clock) {
        this.verifier = verifier;
        this.settings = settings;
        this.clock = clock;
        gauge(registry, "tremplin.seal.lag.seconds", "Age of the oldest stored event not sealed yet", "seconds",
                SealLag::oldestUnsealedAgeSeconds);
        gauge(registry, "tremplin.seal.unsealed.events", "Stored events not sealed yet", "events",
                SealLag::unsealedEvents);
        gauge(registry, "tremplin.seal.pending.gaps", "Missing global indexes seen and not settled yet", "indexes",
                SealLag::pendingGaps);
    }

    private void gauge(MeterRegistry registry, String name, String description, String unit,
                       ToDoubleFunction<SealLag> value) {
        Gauge.builder(name, this, monitor -> {
            Reading reading = monitor.last;
            return reading == null ? Double.NaN : value.applyAsDouble(reading.lag());
        }).description(description).baseUnit(unit).register(registry);
    }

    /** Reads nothing: reports the latest background reading (see the class comment). */
    @Override
    public Health health() {
        Reading reading = last;
        Failure failed = failure;
        Health.Builder health;
        if (failed != null) {
            health = Health.down().withDetail("error", failed.error()).withDetail("failedAt", failed.at().toString());
        } else if (reading == null) {
            health = Health.unknown().withDetail("reading", "not taken yet");
        } else {
            health = Health.up();
        }
        if (reading != null) {
            SealLag lag = reading.lag();
            // the bound: gap timeout, plus a pass to notice the hole and one to settle it
            long boundSeconds = settings.gapTimeout().plus(settings.interval().multipliedBy(2)).toSeconds() + 1;
            health.withDetail("sealedThrough", lag.sealedThrough())
                    .withDetail("unsealedEvents", lag.unsealedEvents())
                    .withDetail("unsealedEventsCounted", lag.unsealedCounted())
                    .withDetail("oldestUnsealedAgeSeconds", lag.oldestUnsealedAgeSeconds())
                    .withDetail("pendingGaps", lag.pendingGaps())
                    .withDetail("boundSeconds", boundSeconds)
                    .withDetail("withinBound", lag.oldestUnsealedAgeSeconds() <= boundSeconds)
                    .withDetail("readAt", reading.takenAt().toString())
                    .withDetail("readingAgeSeconds",
                            Math.max(0, Duration.between(reading.takenAt(), clock.instant()).toSeconds()))
                    .withDetail("readingMillis", reading.tookMillis());
        }
        return health.withDetail("sealerEnabled", settings.enabled()).build();
    }

    /**
     * Takes the reading the health check and the gauges show. A failure is kept (health DOWN) until a reading
     * succeeds; the last good figures stay.
     */
    @Scheduled(initialDelayString = "${tremplin.observability.initial-delay:PT5S}",
            fixedDelayString = "${tremplin.observability.refresh:PT10S}")
    void refresh() {
        long start = System.nanoTime();
        try {
            SealLag lag = verifier.lag();
            last = new Reading(lag, clock.instant(), (System.nanoTime() - start) / 1_000_000);
            failure = null;
        } catch (RuntimeException e) {
            failure = new Failure(e.getClass().getSimpleName() + ": " + e.getMessage(), clock.instant());
        }
    }

}

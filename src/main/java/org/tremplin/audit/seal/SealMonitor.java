package org.tremplin.audit.seal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.function.ToDoubleFunction;

/**
 * Seal lag for operators: the {@code seal} health contributor (details: sealedThrough, unsealedEvents,
 * oldestUnsealedAgeSeconds, pendingGaps, withinBound) and the gauges {@code tremplin.seal.lag.seconds},
 * {@code tremplin.seal.unsealed.events} and {@code tremplin.seal.pending.gaps}. Read from the database (so
 * every node reports the shared chain, whichever node seals): three small queries per read. The health check reads
 * at each call; the gauges show the reading taken in the background every {@code tremplin.observability.refresh}
 * (10 s), so that a scrape queries nothing.
 */
@Component("sealHealthIndicator")
class SealMonitor implements HealthIndicator {

    private final SealVerifier verifier;
    private final SealSettings settings;
    private volatile SealLag lastLag;

    SealMonitor(SealVerifier verifier, SealSettings settings, MeterRegistry registry) {
        this.verifier = verifier;
        this.settings = settings;
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
            SealLag lag = monitor.lastLag;
            return lag == null ? Double.NaN : value.applyAsDouble(lag);
        }).description(description).baseUnit(unit).register(registry);
    }

    @Override
    public Health health() {
        SealLag lag = verifier.lag();
        // the bound: gap timeout, plus a pass to notice the hole and one to settle it
        long boundSeconds = settings.gapTimeout().plus(settings.interval().multipliedBy(2)).toSeconds() + 1;
        return Health.up()
                .withDetail("sealedThrough", lag.sealedThrough())
                .withDetail("unsealedEvents", lag.unsealedEvents())
                .withDetail("oldestUnsealedAgeSeconds", lag.oldestUnsealedAgeSeconds())
                .withDetail("pendingGaps", lag.pendingGaps())
                .withDetail("boundSeconds", boundSeconds)
                .withDetail("withinBound", lag.oldestUnsealedAgeSeconds() <= boundSeconds)
                .withDetail("sealerEnabled", settings.enabled())
                .build();
    }

    /** Takes the gauges' reading (kept when the database cannot be read: the gauges then show the last one). */
    @Scheduled(initialDelayString = "${tremplin.observability.initial-delay:PT5S}",
            fixedDelayString = "${tremplin.observability.refresh:PT10S}")
    void refresh() {
        try {
            lastLag = verifier.lag();
        } catch (RuntimeException e) {
            // the next reading will tell
        }
    }

}

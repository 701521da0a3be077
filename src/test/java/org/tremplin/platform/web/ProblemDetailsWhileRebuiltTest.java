package org.tremplin.platform.web;

import org.junit.jupiter.api.Test;
import org.tremplin.platform.observability.OperationalReadings;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;
import org.tremplin.platform.query.ReadModelRebuilds;
import org.tremplin.shared.DomainException;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While a replay rebuilds read models, a "not found" or a refused rule (which may come from a lookup in one of them)
 * names the models, the replay and since when; so does one while read models are far behind the events (how far);
 * other refusals and quiet times are answered as before.
 */
class ProblemDetailsWhileRebuiltTest {

    private final ReadModelRebuilds rebuilds = new ReadModelRebuilds();
    private OperationalReadings.Snapshot reading = new OperationalReadings.Snapshot(null, -1, Map.of(), Map.of(), Map.of());
    private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice(rebuilds, () -> reading);

    /** A reading that put these processors so many events behind a head of 2,000,000. */
    private static OperationalReadings.Snapshot readingWithLags(Instant at, Map<String, Long> lags) {
        return readingWithLags(at, lags, java.util.Set.of());
    }

    /** The same, the processors named in {@code stopped} not running. */
    private static OperationalReadings.Snapshot readingWithLags(Instant at, Map<String, Long> lags,
                                                                java.util.Set<String> stopped) {
        Map<String, OperationalReadings.ProcessorReading> processors = new java.util.TreeMap<>();
        lags.forEach((name, lag) -> processors.put(name, new OperationalReadings.ProcessorReading(name,
                !stopped.contains(name), false, null, false, 1, 2_000_000 - lag, lag)));
        return new OperationalReadings.Snapshot(at, 2_000_000, processors, Map.of(), Map.of());
    }

    private ProblemDetail answer(DomainException refusal) throws Exception {
        ResponseEntity<Object> response = advice.anyException(refusal, new ServletWebRequest(new MockHttpServletRequest()));
        return (ProblemDetail) response.getBody();
    }

    @Test
    void a_lookup_refused_during_a_replay_names_the_models_being_rebuilt_and_keeps_its_status() throws Exception {
        Instant since = Instant.parse("2026-12-03T13:00:00Z");
        rebuilds.started("organisations", "replay-1", since);
        rebuilds.started("funding", "replay-1", since);

        ProblemDetail missing = answer(DomainException.ruleViolated("No member organisation ORG-1; register it first"));

        assertThat(missing.getStatus()).isEqualTo(422);
        assertThat(missing.getDetail()).startsWith("No member organisation ORG-1; register it first. Note: the read models "
                        + "funding, organisations are being rebuilt by replay replay-1 (since 2026-12-03T13:00:00Z)")
                .contains("GET /api/audit/replay/replay-1");
        assertThat((List<Map<String, Object>>) missing.getProperties().get("rebuildingReadModels"))
                .extracting(m -> m.get("model")).containsExactly("funding", "organisations");
        assertThat(answer(DomainException.notFound("No project PRJ-1")).getDetail()).contains("being rebuilt");
        // input that is wrong whatever the models hold is answered as always
        ProblemDetail invalid = answer(DomainException.invalid("amount must be positive"));
        assertThat(invalid.getStatus()).isEqualTo(400);
        assertThat(invalid.getDetail()).isEqualTo("amount must be positive");
        assertThat(invalid.getProperties()).isNull();

        rebuilds.ended("organisations");
        rebuilds.ended("funding");
        ProblemDetail quiet = answer(DomainException.ruleViolated("No member organisation ORG-1; register it first"));
        assertThat(quiet.getDetail()).isEqualTo("No member organisation ORG-1; register it first");
        assertThat(quiet.getProperties()).isNull();
    }

    @Test
    void a_lookup_refused_while_read_models_catch_up_names_them_and_how_far_behind_they_are() throws Exception {
        // given a reading with funding 580,000 events behind, organisations 1,000 and projects a few (live traffic)
        Instant at = Instant.parse("2026-12-03T13:20:00Z");
        reading = readingWithLags(at, Map.of("funding", 580_000L, "organisations", 1_000L, "projects", 3L));

        ProblemDetail missing = answer(DomainException.notFound("No organisation ORG-9"));

        assertThat(missing.getStatus()).isEqualTo(404);
        assertThat(missing.getDetail()).isEqualTo("No organisation ORG-9. Note: the read models funding (580,000 events"
                + " behind), organisations (1,000 events behind) are behind the events (as read at"
                + " 2026-12-03T13:20:00Z): if this names something already recorded, try again once they have caught up"
                + " (GET /actuator/health, component processors)");
        assertThat((List<Map<String, Object>>) missing.getProperties().get("catchingUpReadModels"))
                .containsExactly(Map.of("model", "funding", "eventsBehind", 580_000L, "running", true,
                                "readAt", at.toString()),
                        Map.of("model", "organisations", "eventsBehind", 1_000L, "running", true, "readAt", at.toString()));

        // a processor stopped (by an operator, or failing to start) is behind without catching up: said so
        reading = readingWithLags(at, Map.of("funding", 580_000L), java.util.Set.of("funding"));
        ProblemDetail stopped = answer(DomainException.notFound("No organisation ORG-9"));
        assertThat(stopped.getDetail()).contains("funding (580,000 events behind, its processor stopped)");
        assertThat((List<Map<String, Object>>) stopped.getProperties().get("catchingUpReadModels"))
                .extracting(m -> m.get("running")).containsExactly(false);
        reading = readingWithLags(at, Map.of("funding", 580_000L, "organisations", 1_000L, "projects", 3L));
        assertThat(answer(DomainException.invalid("amount must be positive")).getProperties()).isNull();

        // a replay's rebuild is named instead (its models are behind on purpose)
        rebuilds.started("funding", "replay-2", at);
        ProblemDetail duringReplay = answer(DomainException.notFound("No organisation ORG-9"));
        assertThat(duringReplay.getDetail()).contains("being rebuilt by replay replay-2").doesNotContain("behind the events");
        rebuilds.ended("funding");

        // caught up (a few events behind), or no reading yet: answered as always
        reading = readingWithLags(at.plusSeconds(600), Map.of("funding", 999L, "organisations", 0L));
        assertThat(answer(DomainException.notFound("No organisation ORG-9")).getDetail()).isEqualTo("No organisation ORG-9");
        reading = new OperationalReadings.Snapshot(null, -1, Map.of(), Map.of(), Map.of());
        assertThat(answer(DomainException.notFound("No organisation ORG-9")).getProperties()).isNull();
    }
}

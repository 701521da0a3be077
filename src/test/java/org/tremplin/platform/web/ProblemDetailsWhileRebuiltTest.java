package org.tremplin.platform.web;

import org.junit.jupiter.api.Test;
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
 * names the models, the replay and since when; other refusals and quiet times are answered as before.
 */
class ProblemDetailsWhileRebuiltTest {

    private final ReadModelRebuilds rebuilds = new ReadModelRebuilds();
    private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice(rebuilds);

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
}

package org.tremplin.project.process;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.ResponseEntity;
import org.tremplin.project.api.CapacityVerdictShown;
import org.tremplin.project.api.LabelGrantedEvent;
import org.tremplin.project.api.LabelRefusedEvent;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/**
 * The label decision records the capacity verdicts the labelling step showed: through the real engine, the real
 * decision table and the real read models, the event of {@code user_decide_label} carries, for the carrier and each
 * partner, the verdict and reasons that {@code GET /api/projects/{id}/capacity} gave just before the decision.
 */
class LabelCapacityProcessTest extends ProcessTestSupport {

    @SuppressWarnings("unchecked")
    @ParameterizedTest(name = "granted = {0}")
    @ValueSource(booleans = {true, false})
    void the_decision_event_stores_the_verdicts_it_was_shown(boolean granted) {
        // given a project whose reviews are in, whose SME carrier (42 people: "small") also carries a 50 M€ idea
        Labelling labelling = reviewed(newReviewers(2));
        String carrierOrg = labelling.consortium().carrier().organisationId();
        ResponseEntity<Map<String, Object>> other = post(labelling.consortium().carrierUser(), "/api/projects", Map.of(
                "title", "A second, much larger idea", "summary", "Far too big for a small company.",
                "thematicAxis", "Mobility", "confidentiality", "CONSORTIUM", "carrierOrganisationId", carrierOrg,
                "plannedBudget", 50_000_000));
        assertThat(other.getStatusCode().value()).as("%s", other.getBody()).isEqualTo(201);
        awaitProject(STAFF, (String) other.getBody().get("id"), p -> "CONSORTIUM_BUILDING".equals(p.get("status")));

        // when the committee reads the checks in the labelling step, then decides
        ResponseEntity<Map<String, Object>> shown = get(STAFF, "/api/projects/" + labelling.projectId() + "/capacity");
        assertThat(shown.getStatusCode().value()).isEqualTo(200);
        List<Map<String, Object>> checks = (List<Map<String, Object>>) shown.getBody().get("checks");
        decide(labelling, granted);

        // then the checks were the carrier's (first) and both partners', the carrier over capacity on its co-funding:
        // (250,000.50 + 50,000,000) x 55 % to bear = 27,637,500.28 against 42 x 100,000 (658.04 %)
        assertThat(checks).extracting(c -> c.get("organisationId")).containsExactly(carrierOrg,
                labelling.consortium().large().organisationId(), labelling.consortium().lab().organisationId());
        Map<String, Object> carrier = checks.get(0);
        assertThat(carrier.get("verdict")).isEqualTo("OVER_CAPACITY");
        assertThat(carrier.get("size")).isEqualTo("small");
        assertThat(carrier.get("concurrentProjects")).isEqualTo(2);
        assertThat(money(carrier, "coFundingToBear")).isEqualByComparingTo("27637500.28");
        assertThat(money(carrier, "coFundingRatio")).isEqualByComparingTo("658.04");
        assertThat((List<String>) carrier.get("reasons"))
                .anyMatch(r -> r.startsWith("co-funding to bear is over 60 % of the annual capacity for a small organisation"));

        // and the decision's event stores exactly what was shown
        List<CapacityVerdictShown> expected = checks.stream().map(c -> new CapacityVerdictShown(
                (String) c.get("organisationId"), (String) c.get("verdict"), (List<String>) c.get("reasons"),
                LocalDate.parse((String) c.get("asOf")))).toList();
        List<CapacityVerdictShown> recorded = granted
                ? lastEvent(labelling.projectId(), LabelGrantedEvent.class).capacityShown()
                : lastEvent(labelling.projectId(), LabelRefusedEvent.class).capacityShown();
        assertThat(recorded).isEqualTo(expected);
        assertThat(recorded.get(0).verdict()).isEqualTo("OVER_CAPACITY");
        assertThat(labelling.labelling()).hasPassed(LabellingProcess.Elements.USER_DECIDE_LABEL);
    }
}

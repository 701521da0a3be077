package org.tremplin.project.web;

import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.tremplin.project.api.RequestPreLabelCommand;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pre-label (issue 13) through the API: the carrier asks, the orientation is kept with the file, pole staff or an
 * independent expert answers through the task; refusals store nothing; the consortium, staff and auditors read it,
 * outsiders are told the project does not exist; the timeline names the steps. Run on H2 and PostgreSQL.
 */
public abstract class PreLabelScenarios extends ApiTestSupport {

    private static final String OPINION_TASK = "user_give_prelabel_opinion";

    @Test
    @SuppressWarnings("unchecked")
    void asked_oriented_answered_and_read_by_the_consortium() {
        ApiConsortium c = consortiumThroughApi("Pre-label lidar", "PL Groupe SA");
        String funder = ensureFunder("PLFUI", "Fonds du pré-label", "STATE_FUI", null, null);
        ensureCall(funder, "PLFUI-21");
        String outsider = newUser("outsider", Roles.CARRIER);
        newOrganisation("Outsider SME", "SME", outsider);
        String path = "/api/projects/" + c.projectId() + "/pre-label";
        String id = RequestPreLabelCommand.idOf(c.projectId());

        // refusals store nothing
        assertProblem(post(c.largeUser(), path, Map.of()), 403, "Only the carrier's users ask for a pre-label");
        assertProblem(post(STAFF, path, Map.of()), 403, "Only the carrier's users");
        assertProblem(post(outsider, path, Map.of()), 404, "No project");
        assertThat(get(c.carrierUser(), path).getBody()).containsEntry("status", "NONE").containsEntry("round", 0);
        assertThat(events(id)).isEmpty();

        // the carrier asks: the request and the orientation are kept, one round at a time
        ResponseEntity<Map<String, Object>> asked = post(c.carrierUser(), path,
                Map.of("note", "Is our market case strong enough?"));
        assertThat(asked.getStatusCode().value()).as("%s", asked.getBody()).isEqualTo(201);
        assertThat(asked.getBody()).containsEntry("id", id).containsEntry("round", 1).containsEntry("status", "PENDING");
        assertProblem(post(c.carrierUser(), path, Map.of()), 409, "already pending");
        assertThat(eventTypes(id)).containsExactly("PreLabelRequestedEvent", "PreLabelOrientationComputedEvent");

        // the consortium, staff and auditors read it with its orientation; outsiders do not learn it exists
        for (String reader : List.of(c.carrierUser(), c.largeUser(), c.labUser(), STAFF, AUDITOR)) {
            ResponseEntity<Map<String, Object>> read = get(reader, path);
            assertThat(read.getStatusCode().value()).as(reader).isEqualTo(200);
            assertThat(read.getBody()).containsEntry("status", "PENDING").containsEntry("note", "Is our market case strong enough?");
        }
        assertProblem(get(outsider, path), 404, "No project");
        Map<String, Object> orientation = (Map<String, Object>) get(STAFF, path).getBody().get("orientation");
        assertThat(money(orientation, "consortiumBudget")).isEqualByComparingTo("950000.50");
        Map<String, Object> call = ((List<Map<String, Object>>) orientation.get("calls")).stream()
                .filter(o -> "PLFUI-21".equals(o.get("callCode"))).findFirst().orElseThrow();
        assertThat(call).containsEntry("fit", "ELIGIBLE_ONCE_LABELLED").containsEntry("funderName", "Fonds du pré-label");
        // a call code unknown to the table: its defaults, 35 % SME + 20 % large + 40 % lab
        assertThat(money(call, "expectedAid")).isEqualByComparingTo("287500.17");
        assertThat(call.get("decisionMedianDays")).isEqualTo(120); // the funder's service level, too few measured
        assertThat(call.get("leadTimeSource")).isEqualTo("SERVICE_LEVEL");

        // the opinion task: an expert acting for a consortium member, a carrier, a missing advice are refused
        Map<String, Object> task = awaitTask(STAFF, c.projectId(), OPINION_TASK);
        String labExpert = newUser("expert", Roles.REVIEWER);
        assertThat(post(STAFF, "/api/organisations/" + c.labOrg() + "/members", Map.of("userId", labExpert))
                .getStatusCode().value()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> ((List<?>) get(STAFF, "/api/organisations/" + c.labOrg())
                .getBody().get("members")).contains(labExpert));
        assertProblem(complete(labExpert, task, Map.of("opinion", "GO", "advice", "Looks great.")), 422,
                "a member of this consortium");
        assertThat(complete(c.carrierUser(), task, Map.of("opinion", "GO", "advice", "Mine is great."))
                .getStatusCode().value()).isIn(403, 404);
        assertProblem(complete(STAFF, task, Map.of("opinion", "NOT_YET")), 400, "advice");
        assertProblem(complete(STAFF, task, Map.of("opinion", "GO_WITH_CHANGES", "advice", "Promising.")), 400,
                "list the changes required");
        assertThat(eventTypes(id)).hasSize(2);

        // an independent expert answers
        String expert = newUser("expert", Roles.REVIEWER);
        completeOk(expert, awaitTask(expert, c.projectId(), OPINION_TASK), Map.of("opinion", "GO_WITH_CHANGES",
                "advice", "Promising; strengthen the exploitation plan.",
                "requiredChanges", "Add an end user\nQuantify the market"));
        Map<String, Object> answered = await().atMost(Duration.ofSeconds(10)).until(
                () -> get(c.carrierUser(), path).getBody(), b -> "ANSWERED".equals(b.get("status")));
        assertThat(answered).containsEntry("opinion", "GO_WITH_CHANGES").containsEntry("expert", expert)
                .containsEntry("advice", "Promising; strengthen the exploitation plan.")
                .containsEntry("requiredChanges", List.of("Add an end user", "Quantify the market"));
        assertThat(eventTypes(id)).containsExactly("PreLabelRequestedEvent", "PreLabelOrientationComputedEvent",
                "PreLabelOpinionGivenEvent");

        // after the answer the carrier may ask again
        ResponseEntity<Map<String, Object>> again = post(c.carrierUser(), path, Map.of());
        assertThat(again.getStatusCode().value()).as("%s", again.getBody()).isEqualTo(201);
        assertThat(again.getBody()).containsEntry("round", 2);

        // the timeline (staff, auditors) names each step
        ResponseEntity<String> timeline = http.withBasicAuth(STAFF, PASSWORD)
                .getForEntity("/api/projects/" + c.projectId() + "/history?size=100", String.class);
        assertThat(timeline.getStatusCode().value()).isEqualTo(200);
        assertThat(timeline.getBody()).contains("Pre-label asked by " + c.carrierUser(),
                "Pre-label opinion of round 1 by " + expert + ": GO_WITH_CHANGES", "Funding orientation of round 1");
    }
}

package org.tremplin.project.web;

import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.tremplin.project.api.RequestCoLabelCommand;
import org.tremplin.project.process.CoLabellingProcess;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Co-labelling (issue 13) through the API on the real engine ({@code bpmn/colabelling.bpmn}): two partner poles asked
 * for their label on one project, one grants, the other refuses; a partner pole's user sees only the files its pole is
 * asked to label and cannot act on another pole's request; refusals store nothing; a withdrawal. Run on H2 and
 * PostgreSQL by the subclasses.
 */
public abstract class CoLabellingScenarios extends ApiTestSupport {

    /** A partner pole registered through the API with one user of the partner-pole group; returns (pole id, user). */
    protected String[] newPole(String name) {
        String user = newUser("pole", Roles.PARTNER_POLE);
        String id = "POLE-T" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        ResponseEntity<Map<String, Object>> created = post(STAFF, "/api/partner-poles", Map.of("id", id, "name", name,
                "themes", List.of("Aeronautics", "Space"), "contactName", "Contact of " + name,
                "contactEmail", "contact@" + id.toLowerCase() + ".example"));
        assertThat(created.getStatusCode().value()).as("%s", created.getBody()).isEqualTo(201);
        ResponseEntity<Map<String, Object>> added = post(STAFF, "/api/partner-poles/" + id + "/users", Map.of("userId", user));
        assertThat(added.getStatusCode().value()).as("%s", added.getBody()).isEqualTo(200);
        return new String[]{id, user};
    }

    /** A consortium submitted for labelling (AWAITING_REVIEWERS). */
    protected ApiConsortium submittedForLabelling(String title) {
        ApiConsortium c = consortiumThroughApi(title, "Aero Groupe SA");
        completeOk(c.carrierUser(), awaitTask(c.carrierUser(), c.projectId(), "user_build_consortium"),
                Map.of("consortiumComplete", true));
        awaitProject(STAFF, c.projectId(), p -> "AWAITING_REVIEWERS".equals(p.get("status")));
        return c;
    }

    @Test
    @SuppressWarnings("unchecked")
    void granted_by_one_pole_and_refused_by_another() {
        ApiConsortium c = submittedForLabelling("Co-labelled lidar");
        String[] aero = newPole("Pôle Aéro Test");
        String[] space = newPole("Pôle Espace Test");
        String[] other = newPole("Pôle Autre Test");
        String path = "/api/projects/" + c.projectId() + "/co-labels";

        // before any request, a partner pole's user sees no project at all
        assertThat(get(aero[1], "/api/projects/" + c.projectId()).getStatusCode().value()).isEqualTo(404);
        assertThat(getList(aero[1], "/api/projects").getBody()).isEmpty();

        // staff ask one pole, the carrier the other
        ResponseEntity<Map<String, Object>> askedAero = post(STAFF, path, Map.of("poleId", aero[0],
                "message", "The project spans aeronautics"));
        assertThat(askedAero.getStatusCode().value()).as("%s", askedAero.getBody()).isEqualTo(201);
        ResponseEntity<Map<String, Object>> askedSpace = post(c.carrierUser(), path, Map.of("poleId", space[0]));
        assertThat(askedSpace.getStatusCode().value()).as("%s", askedSpace.getBody()).isEqualTo(201);
        String aeroId = RequestCoLabelCommand.idOf(c.projectId(), aero[0]);
        String spaceId = RequestCoLabelCommand.idOf(c.projectId(), space[0]);
        assertThat(askedAero.getBody().get("id")).isEqualTo(aeroId);

        // the same pole asked again while pending: a conflict that stores nothing
        long instances = runningProcessInstances();
        assertProblem(post(c.carrierUser(), path, Map.of("poleId", aero[0])), 409, "already asked", "withdraw");
        assertThat(eventTypes(aeroId)).containsExactly("CoLabelRequestedEvent");
        assertThat(runningProcessInstances()).isEqualTo(instances);

        // each pole's user now reads that file (and only its own pole's label), and has its task
        for (String[] pole : List.of(aero, space)) {
            Map<String, Object> seen = get(pole[1], "/api/projects/" + c.projectId()).getBody();
            assertThat(seen.get("access")).as(pole[1]).isEqualTo("FILE");
            assertThat((List<Map<String, Object>>) seen.get("labels")).as(pole[1])
                    .extracting(l -> l.get("poleId")).containsExactly(null, pole[0]);
            assertThat(getList(pole[1], "/api/projects").getBody()).extracting(p -> p.get("id"))
                    .containsExactly(c.projectId());
        }
        // a pole not asked still sees nothing
        assertThat(get(other[1], "/api/projects/" + c.projectId()).getStatusCode().value()).isEqualTo(404);
        assertThat(get(other[1], path).getStatusCode().value()).isEqualTo(404);
        assertThat(getList(other[1], "/api/tasks?projectId=" + c.projectId()).getBody()).isEmpty();

        Map<String, Object> aeroTask = awaitTask(aero[1], c.projectId(), CoLabellingProcess.Elements.USER_DECIDE_COLABEL);
        Map<String, Object> spaceTask = awaitTask(space[1], c.projectId(), CoLabellingProcess.Elements.USER_DECIDE_COLABEL);
        assertThat(getList(aero[1], "/api/tasks?projectId=" + c.projectId()).getBody()).hasSize(1);

        // a user of another pole cannot decide this pole's request, nor can the carrier or staff
        for (String intruder : List.of(space[1], other[1], c.carrierUser(), STAFF)) {
            ResponseEntity<Map<String, Object>> refused = complete(intruder, aeroTask,
                    Map.of("granted", true, "conclusions", "Not mine to say"));
            assertThat(refused.getStatusCode().value()).as(intruder).isIn(403, 404);
        }
        assertThat(eventTypes(aeroId)).containsExactly("CoLabelRequestedEvent");

        // one pole grants, the other refuses
        java.time.Instant beforeDecisions = java.time.Instant.now();
        completeOk(aero[1], aeroTask, Map.of("granted", true, "conclusions", "A strong fit with our aeronautics roadmap."));
        completeOk(space[1], spaceTask, Map.of("granted", false, "conclusions", "Outside our space themes."));
        assertThat(eventTypes(aeroId)).containsExactly("CoLabelRequestedEvent", "CoLabelGrantedEvent");
        assertThat(eventTypes(spaceId)).containsExactly("CoLabelRequestedEvent", "CoLabelRefusedEvent");
        for (Object instance : List.of(askedAero.getBody().get("processInstanceId"),
                askedSpace.getBody().get("processInstanceId"))) {
            assertThat(processEngine.getHistoryService().createHistoricActivityInstanceQuery()
                    .processInstanceId((String) instance).activityId(CoLabellingProcess.Elements.END_COLABEL_DECIDED)
                    .finished().count()).isEqualTo(1);
        }

        // the carrier sees every pole's label; a partner of the consortium too
        for (String reader : List.of(c.carrierUser(), c.largeUser(), STAFF)) {
            List<Map<String, Object>> labels = (List<Map<String, Object>>) awaitProject(reader, c.projectId(),
                    p -> p.get("labels") instanceof List<?> l && l.size() == 3).get("labels");
            assertThat(labels.get(0)).containsEntry("homePole", true).containsEntry("status", "PENDING");
            assertThat(labels.get(1)).containsEntry("poleId", aero[0]).containsEntry("poleName", "Pôle Aéro Test")
                    .containsEntry("status", "GRANTED")
                    .containsEntry("conclusions", "A strong fit with our aeronautics roadmap.");
            assertThat(labels.get(1).get("decidedAt")).isNotNull();
            assertThat(labels.get(2)).containsEntry("poleId", space[0]).containsEntry("status", "REFUSED")
                    .containsEntry("conclusions", "Outside our space themes.");
            assertThat(getList(reader, path).getBody()).hasSize(3);
        }

        // "as of" an instant before the decisions, an auditor's view shows both requests pending, rebuilt from events
        ResponseEntity<Map<String, Object>> then = get(STAFF, "/api/projects/" + c.projectId() + "?asOf=" + beforeDecisions);
        assertThat(then.getStatusCode().value()).as("%s", then.getBody()).isEqualTo(200);
        assertThat((List<Map<String, Object>>) then.getBody().get("labels"))
                .extracting(l -> l.get("poleId"), l -> l.get("status"), l -> l.get("decidedAt"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(null, "PENDING", null),
                        org.assertj.core.groups.Tuple.tuple(aero[0], "PENDING", null),
                        org.assertj.core.groups.Tuple.tuple(space[0], "PENDING", null));

        // the timeline names each pole's request and decision
        ResponseEntity<String> timeline = http.withBasicAuth(STAFF, PASSWORD)
                .getForEntity("/api/projects/" + c.projectId() + "/history?size=100", String.class);
        assertThat(timeline.getStatusCode().value()).isEqualTo(200);
        assertThat(timeline.getBody()).contains("Partner pole Pôle Aéro Test asked for its label",
                "Label granted by partner pole Pôle Aéro Test", "Label refused by partner pole Pôle Espace Test");

        // a granted pole is not asked again; the refusing pole may be asked again
        assertProblem(post(STAFF, path, Map.of("poleId", aero[0])), 409, "already granted");
    }

    @Test
    void refusals_store_nothing_and_a_pending_request_is_withdrawn() {
        ApiConsortium building = consortiumThroughApi("Not yet submitted lidar", "Aero Groupe SA");
        String[] aero = newPole("Pôle Aéro Refus");
        String path = "/api/projects/" + building.projectId() + "/co-labels";
        long instances = runningProcessInstances();

        // not yet submitted for labelling
        assertProblem(post(building.carrierUser(), path, Map.of("poleId", aero[0])), 422,
                "is CONSORTIUM_BUILDING: a partner pole is asked");
        // an unknown pole
        assertProblem(post(STAFF, path, Map.of("poleId", "POLE-NOBODY")), 422, "no partner pole POLE-NOBODY");
        // a pole without users (nobody could decide)
        String empty = "POLE-E" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        assertThat(post(STAFF, "/api/partner-poles", Map.of("id", empty, "name", "Pôle Vide", "themes", List.of("Space"),
                "contactName", "Nobody", "contactEmail", "nobody@vide.example")).getStatusCode().value()).isEqualTo(201);
        assertProblem(post(STAFF, path, Map.of("poleId", empty)), 422, "has no user yet");
        // no pole named
        assertProblem(post(STAFF, path, Map.of("message", "hello")), 400);
        // a consortium partner is not the carrier; a pole's user may not even see the project
        assertProblem(post(building.largeUser(), path, Map.of("poleId", aero[0])), 403, "Only the carrier's users or pole staff");
        assertProblem(post(aero[1], path, Map.of("poleId", aero[0])), 404, "No project");
        assertThat(events(RequestCoLabelCommand.idOf(building.projectId(), aero[0]))).isEmpty();
        assertThat(events(RequestCoLabelCommand.idOf(building.projectId(), "POLE-NOBODY"))).isEmpty();
        assertThat(runningProcessInstances()).isEqualTo(instances);

        // a pending request withdrawn by the carrier: the pole's task goes, the withdrawal is an event
        completeOk(building.carrierUser(), awaitTask(building.carrierUser(), building.projectId(), "user_build_consortium"),
                Map.of("consortiumComplete", true));
        awaitProject(STAFF, building.projectId(), p -> "AWAITING_REVIEWERS".equals(p.get("status")));
        assertThat(post(building.carrierUser(), path, Map.of("poleId", aero[0])).getStatusCode().value()).isEqualTo(201);
        awaitTask(aero[1], building.projectId(), CoLabellingProcess.Elements.USER_DECIDE_COLABEL);
        assertProblem(post(building.carrierUser(), path + "/" + aero[0] + "/withdraw", Map.of()), 400);
        assertProblem(post(aero[1], path + "/" + aero[0] + "/withdraw", Map.of("reason", "mine")), 403);
        ResponseEntity<Map<String, Object>> withdrawn = post(building.carrierUser(), path + "/" + aero[0] + "/withdraw",
                Map.of("reason", "We ask after the home pole's decision"));
        assertThat(withdrawn.getStatusCode().value()).as("%s", withdrawn.getBody()).isEqualTo(200);
        assertThat(getList(aero[1], "/api/tasks?projectId=" + building.projectId()).getBody()).isEmpty();
        assertThat(eventTypes(RequestCoLabelCommand.idOf(building.projectId(), aero[0])))
                .containsExactly("CoLabelRequestedEvent", "CoLabelRequestWithdrawnEvent");
        assertProblem(post(building.carrierUser(), path + "/" + aero[0] + "/withdraw", Map.of("reason", "again")), 409,
                "only a pending request is withdrawn");
        assertThat(getList(STAFF, path).getBody()).extracting(l -> l.get("status")).containsExactly("PENDING", "WITHDRAWN");
        // asked again after the withdrawal
        assertThat(post(STAFF, path, Map.of("poleId", aero[0])).getStatusCode().value()).isEqualTo(201);
    }
}

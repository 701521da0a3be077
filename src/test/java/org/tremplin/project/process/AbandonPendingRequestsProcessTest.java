package org.tremplin.project.process;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.tremplin.project.api.ClosePreLabelRoundCommand;
import org.tremplin.project.api.CoLabelRequestWithdrawnEvent;
import org.tremplin.project.api.PreLabelRoundClosedEvent;
import org.tremplin.project.api.ProjectAbandonedEvent;
import org.tremplin.project.api.RequestCoLabelCommand;
import org.tremplin.project.api.RequestPreLabelCommand;
import org.tremplin.shared.Roles;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;

/**
 * Abandoning a project while a pre-label round and a partner pole's request are pending (issue 13), on the real engine:
 * in the abandonment's transaction the round is closed without an opinion and the request withdrawn, each with the
 * reason; their tasks go, the partner pole's user no longer has its task. If the closing is refused, the abandonment
 * is refused with it and nothing moves.
 */
class AbandonPendingRequestsProcessTest extends ProcessTestSupport {

    private static final String REASON = "The carrier went bankrupt.";
    private static final String WHY = "Project abandoned: " + REASON;

    @Autowired
    private PreLabelling preLabelling;

    @Autowired
    private MockMvc mvc;

    /** A pre-label asked while building the consortium, then the project submitted, then two poles asked (one refuses). */
    private record Pending(Consortium consortium, ProcessInstance preLabel, String pendingPole, String poleUser,
                           String refusingPole) {

        String projectId() {
            return consortium.projectId();
        }
    }

    private Pending preLabelAndCoLabelPending() {
        Consortium consortium = consortiumReadyForLabelling();
        as(consortium.carrierUser(), () -> preLabelling.request(consortium.projectId(), "Quantum lidar",
                consortium.carrierUser(), "Is the lab's role clear?"));
        ProcessInstance preLabel = runtimeService().createProcessInstanceQuery()
                .processDefinitionKey(PreLabellingProcess.KEY).processInstanceBusinessKey(consortium.projectId())
                .singleResult();
        assertThat(preLabel).isWaitingAtExactly(PreLabellingProcess.Elements.USER_GIVE_PRELABEL_OPINION);
        completeAs(consortium.carrierUser(), task(ProjectLifecycleProcess.Elements.USER_BUILD_CONSORTIUM,
                consortium.lifecycle()), Map.of(ProjectLifecycleProcess.Variables.CONSORTIUM_COMPLETE, true));
        awaitProjectStatus(consortium.projectId(), "AWAITING_REVIEWERS");

        String[] pending = newPole("Pôle Abandon Test");
        String[] refusing = newPole("Pôle Refus Test");
        String path = "/api/projects/" + consortium.projectId() + "/co-labels";
        for (String pole : List.of(pending[0], refusing[0])) {
            ResponseEntity<Map<String, Object>> asked = post(STAFF, path, Map.of("poleId", pole));
            assertThat(asked.getStatusCode().value()).as("%s", asked.getBody()).isEqualTo(201);
        }
        completeOk(refusing[1], awaitTask(refusing[1], consortium.projectId(),
                CoLabellingProcess.Elements.USER_DECIDE_COLABEL), Map.of("granted", false, "conclusions", "Not our themes."));
        awaitTask(pending[1], consortium.projectId(), CoLabellingProcess.Elements.USER_DECIDE_COLABEL);
        return new Pending(consortium, preLabel, pending[0], pending[1], refusing[0]);
    }

    @Test
    void abandoning_closes_the_pending_pre_label_and_withdraws_the_pending_co_label() throws Exception {
        Pending p = preLabelAndCoLabelPending();
        String preLabelId = RequestPreLabelCommand.idOf(p.projectId());
        String coLabelId = RequestCoLabelCommand.idOf(p.projectId(), p.pendingPole());
        String refusedId = RequestCoLabelCommand.idOf(p.projectId(), p.refusingPole());

        as(STAFF, () -> lifecycle.abandon(p.projectId(), REASON));

        // the events say why, each recorded by the abandonment's step (same actor)
        assertThat(lastEvent(p.projectId(), ProjectAbandonedEvent.class).reason()).isEqualTo(REASON);
        assertThat(eventTypes(preLabelId)).containsExactly("PreLabelRequestedEvent", "PreLabelOrientationComputedEvent",
                "PreLabelRoundClosedEvent");
        assertThat(lastEvent(preLabelId, PreLabelRoundClosedEvent.class))
                .isEqualTo(new PreLabelRoundClosedEvent(preLabelId, p.projectId(), 1, WHY, STAFF));
        assertThat(events(preLabelId).get(2).getMetaData())
                .containsEntry("activityId", PreLabellingProcess.Elements.SERVICE_CLOSE_PRELABEL);
        assertThat(eventTypes(coLabelId)).containsExactly("CoLabelRequestedEvent", "CoLabelRequestWithdrawnEvent");
        assertThat(lastEvent(coLabelId, CoLabelRequestWithdrawnEvent.class))
                .isEqualTo(new CoLabelRequestWithdrawnEvent(coLabelId, p.projectId(), p.pendingPole(), STAFF, WHY));
        // the pole that had already decided is left as it was
        assertThat(eventTypes(refusedId)).containsExactly("CoLabelRequestedEvent", "CoLabelRefusedEvent");

        // every instance of the project ended, through the closing paths; no task is left, not even the pole's
        assertThat(p.preLabel()).isEnded().hasPassed(PreLabellingProcess.Elements.BOUNDARY_PRELABEL_CLOSED,
                PreLabellingProcess.Elements.SERVICE_CLOSE_PRELABEL, PreLabellingProcess.Elements.END_PRELABEL_CLOSED);
        assertThat(processEngine.getHistoryService().createHistoricActivityInstanceQuery()
                .processDefinitionId(processEngine.getRepositoryService().createProcessDefinitionQuery()
                        .processDefinitionKey(CoLabellingProcess.KEY).latestVersion().singleResult().getId())
                .activityId(CoLabellingProcess.Elements.END_COLABEL_WITHDRAWN).list())
                .extracting(a -> processEngine.getHistoryService().createHistoricProcessInstanceQuery()
                        .processInstanceId(a.getProcessInstanceId()).singleResult().getBusinessKey())
                .containsOnlyOnce(p.projectId());
        assertThat(runtimeService().createProcessInstanceQuery().processInstanceBusinessKey(p.projectId()).count())
                .isZero();
        assertThat(taskQuery().processInstanceBusinessKey(p.projectId()).count()).isZero();
        assertThat(taskQuery().taskCandidateUser(p.poleUser()).processInstanceBusinessKey(p.projectId()).count()).isZero();
        assertThat(getList(p.poleUser(), "/api/tasks?projectId=" + p.projectId()).getBody()).isEmpty();

        // the read models: abandoned, the round closed with the reason, the request withdrawn, the refusal kept
        awaitProjectStatus(p.projectId(), "ABANDONED");
        await().atMost(Duration.ofSeconds(10)).until(() -> "CLOSED".equals(
                get(STAFF, "/api/projects/" + p.projectId() + "/pre-label").getBody().get("status")));
        assertThat(get(p.consortium().carrierUser(), "/api/projects/" + p.projectId() + "/pre-label").getBody())
                .containsEntry("round", 1).containsEntry("status", "CLOSED").containsEntry("closedReason", WHY)
                .containsEntry("opinion", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> getList(STAFF, "/api/projects/" + p.projectId() + "/co-labels")
                .getBody().stream().anyMatch(l -> "WITHDRAWN".equals(l.get("status"))));
        assertThat(getList(STAFF, "/api/projects/" + p.projectId() + "/co-labels").getBody())
                .filteredOn(l -> l.get("poleId") != null)
                .extracting(l -> l.get("poleId") + " " + l.get("status"))
                .containsExactlyInAnyOrder(p.pendingPole() + " WITHDRAWN", p.refusingPole() + " REFUSED");

        // the project page's panel says the round was closed, and why
        String page = mvc.perform(MockMvcRequestBuilders.get("/projects/" + p.projectId())
                        .with(SecurityMockMvcRequestPostProcessors.user(p.consortium().carrierUser()).roles(Roles.CARRIER)))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Round 1 closed without an opinion on", WHY).doesNotContain("waiting for the opinion");

        // the timeline says why
        ResponseEntity<String> timeline = http.withBasicAuth(STAFF, PASSWORD)
                .getForEntity("/api/projects/" + p.projectId() + "/history?size=100", String.class);
        assertThat(timeline.getBody()).contains("Pre-label round 1 closed without an opinion (by " + STAFF + "): " + WHY,
                "Request to partner pole Pôle Abandon Test withdrawn by " + STAFF + ": " + WHY);
    }

    @Test
    void a_refused_closing_refuses_the_abandonment_and_nothing_moves() {
        Pending p = preLabelAndCoLabelPending();
        String preLabelId = RequestPreLabelCommand.idOf(p.projectId());
        String coLabelId = RequestCoLabelCommand.idOf(p.projectId(), p.pendingPole());
        // the round is closed behind the process's back: its instance still waits, the pre-label refuses a second close
        command(STAFF, new ClosePreLabelRoundCommand(preLabelId, "Closed by hand", STAFF));
        long projectEvents = events(p.projectId()).size();

        assertThat(refusal(() -> as(STAFF, () -> lifecycle.abandon(p.projectId(), REASON))).getMessage())
                .contains("No pre-label of " + p.projectId() + " is pending");

        // one transaction: no abandonment, no withdrawal, every instance and task where it was
        assertThat(events(p.projectId())).hasSize((int) projectEvents);
        assertThat(eventTypes(preLabelId)).endsWith("PreLabelRoundClosedEvent").hasSize(3);
        assertThat(eventTypes(coLabelId)).containsExactly("CoLabelRequestedEvent");
        assertThat(p.consortium().lifecycle()).isNotEnded();
        assertThat(p.preLabel()).isWaitingAtExactly(PreLabellingProcess.Elements.USER_GIVE_PRELABEL_OPINION);
        assertThat(taskQuery().taskCandidateUser(p.poleUser()).processInstanceBusinessKey(p.projectId()).count())
                .isEqualTo(1);
        assertThat(awaitProjectStatus(p.projectId(), "AWAITING_REVIEWERS")).containsEntry("status", "AWAITING_REVIEWERS");
    }

    /** A partner pole registered through the API with one user of the partner-pole group; returns (pole id, user). */
    private String[] newPole(String name) {
        String user = newUser("pole", Roles.PARTNER_POLE);
        String id = "POLE-A" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        ResponseEntity<Map<String, Object>> created = post(STAFF, "/api/partner-poles", Map.of("id", id, "name", name,
                "themes", List.of("Mobility"), "contactName", "Contact of " + name,
                "contactEmail", "contact@" + id.toLowerCase() + ".example"));
        assertThat(created.getStatusCode().value()).as("%s", created.getBody()).isEqualTo(201);
        ResponseEntity<Map<String, Object>> added = post(STAFF, "/api/partner-poles/" + id + "/users", Map.of("userId", user));
        assertThat(added.getStatusCode().value()).as("%s", added.getBody()).isEqualTo(200);
        return new String[]{id, user};
    }
}

package org.tremplin.project.process;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.tremplin.project.api.PreLabelOpinion;
import org.tremplin.project.api.PreLabelOpinionGivenEvent;
import org.tremplin.project.api.PreLabelOrientationComputedEvent;
import org.tremplin.project.api.PreLabelRequestedEvent;
import org.tremplin.project.api.RequestPreLabelCommand;
import org.tremplin.shared.Roles;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.tremplin.project.process.PreLabellingProcess.Elements.*;
import static org.tremplin.project.process.PreLabellingProcess.Variables.*;

/** {@code bpmn/prelabelling.bpmn} on the real engine and aggregates: pre-label, a second round, then the full labelling. */
class PreLabelProcessTest extends ProcessTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    private PreLabelling preLabelling;

    private ProcessInstance ask(Consortium consortium, String note) {
        as(consortium.carrierUser(), () -> preLabelling.request(consortium.projectId(), "Quantum lidar",
                consortium.carrierUser(), note));
        return runtimeService().createProcessInstanceQuery().processDefinitionKey(PreLabellingProcess.KEY)
                .processInstanceBusinessKey(consortium.projectId()).active().singleResult();
    }

    @Test
    void pre_label_then_label() throws Exception {
        Consortium consortium = consortiumReadyForLabelling();
        String id = RequestPreLabelCommand.idOf(consortium.projectId());

        // round 1: asked, oriented, waiting for staff or an expert
        ProcessInstance round1 = ask(consortium, "Is the lab's role clear?");
        assertThat(round1).hasPassedInOrder(START_PRELABEL_REQUESTED, SERVICE_REQUEST_PRELABEL,
                SERVICE_COMPUTE_ORIENTATION).isWaitingAtExactly(USER_GIVE_PRELABEL_OPINION);
        assertThat(round1).task().hasCandidateGroup(Roles.POLE_STAFF).hasCandidateGroup(Roles.REVIEWER);
        assertThat(eventTypes(id)).containsExactly("PreLabelRequestedEvent", "PreLabelOrientationComputedEvent");
        assertThat(events(id).get(1).getPayload()).isInstanceOfSatisfying(PreLabelOrientationComputedEvent.class,
                e -> assertThat(e.orientation().consortiumBudget()).isEqualByComparingTo("950000.50"));
        // the lifecycle is untouched: the carrier still builds its consortium
        assertThat(consortium.lifecycle()).isWaitingAtExactly(ProjectLifecycleProcess.Elements.USER_BUILD_CONSORTIUM);

        // a second request while pending is refused: no event, no second instance
        assertThat(refusal(() -> ask(consortium, null)).getMessage()).contains("already pending");
        assertThat(eventTypes(id)).hasSize(2);
        assertThat(runtimeService().createProcessInstanceQuery().processDefinitionKey(PreLabellingProcess.KEY)
                .processInstanceBusinessKey(consortium.projectId()).count()).isEqualTo(1);

        // the lab's own expert may not answer: the task stays open
        String labExpert = newUser("expert", Roles.REVIEWER);
        awaitOrganisationMember(consortium.lab().organisationId(), labExpert);
        Task opinion = task(USER_GIVE_PRELABEL_OPINION, round1);
        assertThat(refusal(() -> completeAs(labExpert, opinion, Map.of(OPINION, "GO", ADVICE, "Fine.")))
                .getMessage()).contains("a member of this consortium");
        assertThat(round1).isWaitingAtExactly(USER_GIVE_PRELABEL_OPINION);

        // staff answer: go with changes
        completeAs(STAFF, opinion, Map.of(OPINION, "GO_WITH_CHANGES", ADVICE, "Good start.",
                REQUIRED_CHANGES, "Name the lab's deliverables\r\nAdd an end user"));
        assertThat(round1).isEnded().hasPassed(END_PRELABEL_ANSWERED);
        assertThat(eventsOfType(id, PreLabelOpinionGivenEvent.class)).containsExactly(new PreLabelOpinionGivenEvent(id,
                consortium.projectId(), 1, PreLabelOpinion.GO_WITH_CHANGES, "Good start.",
                List.of("Name the lab's deliverables", "Add an end user"), STAFF));

        // round 2 after the changes, answered GO by an independent expert
        ProcessInstance round2 = ask(consortium, "Changes made.");
        assertThat(eventsOfType(id, PreLabelRequestedEvent.class)).extracting(PreLabelRequestedEvent::round)
                .containsExactly(1, 2);
        String expert = newUser("expert", Roles.REVIEWER);
        completeAs(expert, task(USER_GIVE_PRELABEL_OPINION, round2), Map.of(OPINION, "GO", ADVICE, "Ready."));
        assertThat(round2).isEnded();

        // then the full labelling: its reviewers read the pre-label; no pre-label once it started
        completeAs(consortium.carrierUser(), task(ProjectLifecycleProcess.Elements.USER_BUILD_CONSORTIUM,
                consortium.lifecycle()), Map.of(ProjectLifecycleProcess.Variables.CONSORTIUM_COMPLETE, true));
        awaitProjectStatus(consortium.projectId(), "AWAITING_REVIEWERS");
        assertThat(refusal(() -> ask(consortium, null)).getMessage()).contains("is AWAITING_REVIEWERS: a pre-label is asked");
        assertThat(eventTypes(id)).hasSize(6);
        Labelling labelling = new Labelling(consortium, org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests
                .calledProcessInstance(LabellingProcess.KEY, consortium.lifecycle()));
        List<String> reviewers = newReviewers(2);
        assignReviewers(labelling, reviewers, inTenDays());
        Map<String, Object> read = get(reviewers.get(0), "/api/projects/" + consortium.projectId() + "/pre-label").getBody();
        assertThat(read).containsEntry("round", 2).containsEntry("opinion", "GO").containsEntry("expert", expert);
        // the review page shows the pre-label's line beside the file
        assertThat(html(mvc.perform(pageAs(get("/tasks/" + reviewTaskOf(labelling, reviewers.get(0)).getId()),
                reviewers.get(0), Roles.REVIEWER)).andReturn())).contains("Pre-label (round 2): Go by " + expert);
        for (String reviewer : reviewers) {
            review(labelling, reviewer, 15, "GRANT");
        }
        decide(labelling, true);
        communicate(labelling);
        assertThat(labelling.labelling()).isEnded();
        awaitProjectStatus(consortium.projectId(), "LABEL_GRANTED");
        assertThat(taskQuery().processDefinitionKey(PreLabellingProcess.KEY)
                .processInstanceBusinessKey(consortium.projectId()).count()).isZero();
    }

    @Test
    void the_console_asks_shows_and_answers_a_pre_label() throws Exception {
        Consortium consortium = consortiumReadyForLabelling();
        ensureCall(ensureFunder("PLFUI", "Fonds du pré-label", "STATE_FUI", null, null), "PLFUI-21");
        String id = RequestPreLabelCommand.idOf(consortium.projectId());
        String carrier = consortium.carrierUser();
        String page = "/projects/" + consortium.projectId();

        // the carrier's page offers the button; asking redirects back, a second ask is refused on the page
        assertThat(html(mvc.perform(pageAs(get(page), carrier, Roles.CARRIER)).andReturn())).contains("Ask for a pre-label");
        assertThat(html(mvc.perform(pageAs(get(page), consortium.largeUser(), Roles.CARRIER)).andReturn()))
                .doesNotContain("Ask for a pre-label");
        var asked = mvc.perform(pageAs(post(page + "/pre-label").param("note", "Which funder first?"), carrier,
                Roles.CARRIER)).andReturn();
        assertThat(asked.getResponse().getStatus()).isEqualTo(302);
        assertThat(eventTypes(id)).containsExactly("PreLabelRequestedEvent", "PreLabelOrientationComputedEvent");
        var again = mvc.perform(pageAs(post(page + "/pre-label"), carrier, Roles.CARRIER)).andReturn();
        assertThat(again.getResponse().getStatus()).isEqualTo(302);
        assertThat(again.getFlashMap().get("preLabelProblem").toString()).contains("already pending");
        assertThat(eventTypes(id)).hasSize(2);

        // staff's task page shows the question and the orientation beside the opinion's fields
        ProcessInstance round = runtimeService().createProcessInstanceQuery().processDefinitionKey(PreLabellingProcess.KEY)
                .processInstanceBusinessKey(consortium.projectId()).singleResult();
        String taskId = task(USER_GIVE_PRELABEL_OPINION, round).getId();
        assertThat(html(mvc.perform(pageAs(get("/tasks/" + taskId), STAFF, Roles.POLE_STAFF)).andReturn()))
                .contains("Which funder first?", "PLFUI-21", "Eligible once labelled", "id=\"advice\"",
                        "id=\"requiredChanges\"");
        var empty = mvc.perform(pageAs(post("/tasks/" + taskId).param(OPINION, "GO").param(ADVICE, " "), STAFF,
                Roles.POLE_STAFF)).andReturn();
        assertThat(empty.getResponse().getStatus()).isEqualTo(400);
        var answered = mvc.perform(pageAs(post("/tasks/" + taskId).param(OPINION, "GO_WITH_CHANGES")
                .param(ADVICE, "Start with the FUI call.").param(REQUIRED_CHANGES, "Add an end user"), STAFF,
                Roles.POLE_STAFF)).andReturn();
        assertThat(answered.getResponse().getStatus()).isEqualTo(302);
        assertThat(eventTypes(id)).endsWith("PreLabelOpinionGivenEvent");

        // the project page shows the opinion and the orientation to the consortium
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> "ANSWERED".equals(
                get(carrier, "/api/projects/" + consortium.projectId() + "/pre-label").getBody().get("status")));
        assertThat(html(mvc.perform(pageAs(get(page), consortium.labUser(), Roles.CARRIER)).andReturn()))
                .contains("Go with changes", "Start with the FUI call.", "Add an end user", "PLFUI-21");
    }

    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.test.web.servlet.MockMvc mvc;

    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder get(String path) {
        return org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path);
    }

    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder post(String path) {
        return org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf());
    }

    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder pageAs(
            org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, String user, String group) {
        return request.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                .user(user).roles(group));
    }

    private static String html(org.springframework.test.web.servlet.MvcResult result) throws Exception {
        return result.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }
}

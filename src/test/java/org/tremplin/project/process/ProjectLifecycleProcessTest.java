package org.tremplin.project.process;

import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.project.api.ConfidentialityLevel;
import org.tremplin.project.api.IdeaSubmittedEvent;
import org.tremplin.project.api.ProjectAbandonedEvent;
import org.tremplin.project.api.ProjectStatus;
import org.tremplin.project.api.ProjectSubmittedForLabellingEvent;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Roles;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.tremplin.project.process.ProjectLifecycleProcess.Elements.*;
import static org.tremplin.project.process.ProjectLifecycleProcess.Variables.CONSORTIUM_COMPLETE;
import static org.tremplin.project.process.ProjectLifecycleProcess.Variables.LABEL_GRANTED;

/** Every path of {@code bpmn/project-lifecycle.bpmn}, on the real engine and the real project aggregate. */
class ProjectLifecycleProcessTest extends ProcessTestSupport {

    @Test
    void a_submitted_idea_is_recorded_and_waits_for_its_consortium() {
        // given an SME carrier and its user

        // when the user submits an idea
        Consortium idea = ideaSubmitted(ConfidentialityLevel.CONSORTIUM);

        // then the idea is recorded and the carrier builds the consortium
        assertThat(idea.lifecycle()).hasBusinessKey(idea.projectId())
                .hasPassedInOrder(START_IDEA_SUBMITTED, SERVICE_SUBMIT_IDEA)
                .isWaitingAtExactly(USER_BUILD_CONSORTIUM);
        assertThat(idea.lifecycle()).task().isAssignedTo(idea.carrierUser()).hasCandidateGroupAssociated(Roles.POLE_STAFF);
        assertThat(eventTypes(idea.projectId())).containsExactly("IdeaSubmittedEvent");
        IdeaSubmittedEvent submitted = lastEvent(idea.projectId(), IdeaSubmittedEvent.class);
        assertThat(submitted.carrierOrganisationId()).isEqualTo(idea.carrier().organisationId());
        assertThat(submitted.carrierPlannedBudget()).isEqualByComparingTo("250000.50");
        assertThat(events(idea.projectId()).get(0).getMetaData())
                .containsEntry("actor", idea.carrierUser())
                .containsEntry("activityId", SERVICE_SUBMIT_IDEA)
                .containsEntry("processInstanceId", idea.lifecycle().getId());
        // the idea's content lives in the events, not in the engine's variables
        assertThat(idea.lifecycle()).variables().doesNotContainKeys(
                ProjectLifecycleProcess.Variables.SUMMARY, ProjectLifecycleProcess.Variables.PLANNED_BUDGET);
        awaitProjectStatus(idea.projectId(), ProjectStatus.CONSORTIUM_BUILDING.name());
    }

    @Test
    void a_refused_idea_starts_no_lifecycle_and_stores_no_event() {
        // given a carrier whose idea has no title
        String carrierUser = newUser("carrier", Roles.CARRIER);
        String projectId = "PRJ-T-NOTITLE-" + System.nanoTime();
        long eventsBefore = storedEventCount();

        // when the idea is submitted
        DomainException refused = refusal(() -> as(carrierUser, () -> lifecycle.submitIdea(
                new ProjectLifecycle.IdeaSubmission(projectId, " ", "A summary", "Energy", ConfidentialityLevel.PUBLIC,
                        "OTHER-T1", "Some SME", OrganisationKind.SME, BigDecimal.TEN, carrierUser))));

        // then the first step refuses it and nothing is kept
        assertThat(refused.kind()).isEqualTo(DomainException.Kind.INVALID_INPUT);
        assertThat(refused).hasMessageContaining("title");
        assertThat(runtimeService().createProcessInstanceQuery().processInstanceBusinessKey(projectId).count()).isZero();
        assertThat(historyService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(projectId).count())
                .isZero();
        assertThat(events(projectId)).isEmpty();
        assertThat(storedEventCount()).isEqualTo(eventsBefore);
    }

    @Test
    void a_complete_consortium_calls_labelling_with_the_project_as_business_key() {
        // given a consortium that meets the consortium rule
        Consortium consortium = consortiumReadyForLabelling();

        // when the carrier submits it for labelling
        completeAs(consortium.carrierUser(), task(USER_BUILD_CONSORTIUM, consortium.lifecycle()),
                Map.of(CONSORTIUM_COMPLETE, true));

        // then the lifecycle waits in the call activity and the called labelling waits for reviewers
        assertThat(consortium.lifecycle()).hasPassed(USER_BUILD_CONSORTIUM).isWaitingAtExactly(CALL_LABELLING);
        ProcessInstance labelling = calledProcessInstance(LabellingProcess.KEY, consortium.lifecycle());
        assertThat(labelling).hasBusinessKey(consortium.projectId())
                .hasProcessDefinitionKey(LabellingProcess.KEY)
                .isWaitingAtExactly(LabellingProcess.Elements.USER_ASSIGN_REVIEWERS);
        assertThat(labelling).variables()
                .containsEntry(LabellingProcess.Variables.PROJECT_ID, consortium.projectId())
                .containsEntry(ProjectLifecycleProcess.Variables.TITLE, "Quantum lidar for autonomous trains");
        assertThat(labelling).task().hasCandidateGroup(Roles.POLE_STAFF);
        assertThat(lastEvent(consortium.projectId(), ProjectSubmittedForLabellingEvent.class).totalPlannedBudget())
                .isEqualByComparingTo("950000.50");
    }

    @Test
    void an_unticked_consortium_box_is_refused_and_leaves_the_task_open() {
        // given a consortium that meets the consortium rule
        Consortium consortium = consortiumReadyForLabelling();
        Task task = task(USER_BUILD_CONSORTIUM, consortium.lifecycle());
        List<String> before = eventTypes(consortium.projectId());

        // when the carrier completes the task without ticking the box
        DomainException refused = refusal(() -> completeAs(consortium.carrierUser(), task,
                Map.of(CONSORTIUM_COMPLETE, false)));

        // then the step is refused and nothing moves
        assertThat(refused.kind()).isEqualTo(DomainException.Kind.INVALID_INPUT);
        assertThat(refused).hasMessageContaining(CONSORTIUM_COMPLETE);
        assertThat(consortium.lifecycle()).isWaitingAtExactly(USER_BUILD_CONSORTIUM).hasNotPassed(USER_BUILD_CONSORTIUM);
        assertThat(taskQuery().taskId(task.getId()).count()).isEqualTo(1);
        assertThat(eventTypes(consortium.projectId())).isEqualTo(before);
        assertThat(runtimeService().createProcessInstanceQuery().processInstanceBusinessKey(consortium.projectId())
                .processDefinitionKey(LabellingProcess.KEY).count()).isZero();
    }

    @Test
    void a_consortium_that_breaks_the_consortium_rule_is_refused_and_leaves_the_task_open() {
        // given an idea whose carrier is still alone
        Consortium idea = ideaSubmitted(ConfidentialityLevel.PUBLIC);
        Task task = task(USER_BUILD_CONSORTIUM, idea.lifecycle());
        long eventsBefore = storedEventCount();

        // when the carrier submits it for labelling
        DomainException refused = refusal(() -> completeAs(idea.carrierUser(), task, Map.of(CONSORTIUM_COMPLETE, true)));

        // then the project refuses, the task stays open and no event is stored
        assertThat(refused.kind()).isEqualTo(DomainException.Kind.RULE_VIOLATED);
        assertThat(refused).hasMessageContaining("at least 2 companies must have joined (now 1)")
                .hasMessageContaining("at least 1 research lab must have joined (now 0)");
        assertThat(idea.lifecycle()).isWaitingAtExactly(USER_BUILD_CONSORTIUM);
        assertThat(taskQuery().taskId(task.getId()).count()).isEqualTo(1);
        assertThat(eventTypes(idea.projectId())).containsExactly("IdeaSubmittedEvent");
        assertThat(storedEventCount()).isEqualTo(eventsBefore);
    }

    @Test
    void a_granted_label_moves_the_lifecycle_on_to_choosing_the_funders_calls() {
        // given a project whose reviews are in
        Labelling labelling = reviewed(newReviewers(2));

        // when the committee grants the label and the conclusions are communicated
        decide(labelling, true);
        communicate(labelling);

        // then the lifecycle waits for pole staff to choose the calls the project applies to
        assertThat(labelling.labelling()).isEnded().hasPassed(LabellingProcess.Elements.END_LABELLING_DONE);
        assertThat(labelling.lifecycle()).isWaitingAtExactly(USER_CHOOSE_TARGET_CALLS)
                .hasPassedInOrder(CALL_LABELLING, XOR_LABEL_GRANTED)
                .hasNotPassed(END_LABEL_REFUSED, END_ABANDONED);
        assertThat(task(USER_CHOOSE_TARGET_CALLS, labelling.lifecycle())).hasCandidateGroup(Roles.POLE_STAFF);
        assertThat(historicVariable(labelling.lifecycle(), LABEL_GRANTED)).isEqualTo(true);
        assertThat(eventTypes(labelling.projectId())).endsWith("LabelGrantedEvent", "ConclusionsCommunicatedEvent");
        awaitProjectStatus(labelling.projectId(), ProjectStatus.LABEL_GRANTED.name());
    }

    @Test
    void a_refused_label_ends_the_lifecycle_at_end_label_refused() {
        // given a project whose reviews are in
        Labelling labelling = reviewed(newReviewers(2));

        // when the committee refuses the label and the conclusions are communicated
        decide(labelling, false);
        communicate(labelling);
        // and nobody contests the refusal before the redress deadline (src/docs/redress.md)
        letRedressLapse(labelling);

        // then the lifecycle ends as refused
        assertThat(labelling.labelling()).isEnded().hasPassed(LabellingProcess.Elements.END_LABELLING_DONE);
        assertThat(labelling.lifecycle()).isEnded()
                .hasPassedInOrder(CALL_LABELLING, XOR_LABEL_GRANTED, END_LABEL_REFUSED)
                .hasNotPassed(END_PROJECT_CLOSED, END_ABANDONED);
        assertThat(historicVariable(labelling.lifecycle(), LABEL_GRANTED)).isEqualTo(false);
        assertThat(eventTypes(labelling.projectId())).endsWith("LabelRefusedEvent", "ConclusionsCommunicatedEvent",
                "RedressDeadlinePassedEvent");
        awaitProjectStatus(labelling.projectId(), ProjectStatus.LABEL_REFUSED.name());
    }

    @Test
    void abandoning_while_building_the_consortium_ends_at_end_abandoned() {
        // given an idea whose consortium is being built
        Consortium idea = ideaSubmitted(ConfidentialityLevel.CONSORTIUM);

        // when the carrier abandons the project
        as(idea.carrierUser(), () -> lifecycle.abandon(idea.projectId(), "The market moved on."));

        // then the abandon event subprocess records it and the lifecycle ends there
        assertThat(idea.lifecycle()).isEnded()
                .hasPassedInOrder(START_ABANDON_REQUESTED, SERVICE_ABANDON_PROJECT, END_ABANDONED)
                .hasNotPassed(CALL_LABELLING);
        assertThat(taskQuery().processInstanceId(idea.lifecycle().getId()).count()).isZero();
        assertThat(historyService().createHistoricTaskInstanceQuery().processInstanceId(idea.lifecycle().getId())
                .taskDefinitionKey(USER_BUILD_CONSORTIUM).singleResult().getDeleteReason()).as("the consortium task was cancelled").isNotEqualTo("completed");
        assertThat(lastEvent(idea.projectId(), ProjectAbandonedEvent.class))
                .isEqualTo(new ProjectAbandonedEvent(idea.projectId(), "The market moved on.",
                        ProjectStatus.CONSORTIUM_BUILDING));
        assertThat(events(idea.projectId()).get(1).getMetaData())
                .containsEntry("actor", idea.carrierUser())
                .containsEntry("activityId", SERVICE_ABANDON_PROJECT);
        Map<String, Object> project = awaitProjectStatus(idea.projectId(), ProjectStatus.ABANDONED.name());
        assertThat(project).containsEntry("abandonReason", "The market moved on.");
    }

    @Test
    void abandoning_during_labelling_ends_the_called_labelling_too() {
        // given a project under review: review tasks and the overdue timer are pending in the called labelling
        Labelling labelling = submittedForLabelling();
        List<String> reviewers = newReviewers(2);
        assignReviewers(labelling, reviewers, inTenDays());
        assertThat(labelling.labelling()).isWaitingAt(LabellingProcess.Elements.USER_REVIEW_FILE);

        // when pole staff abandons the project
        as(STAFF, () -> lifecycle.abandon(labelling.projectId(), "The carrier went bankrupt."));

        // then the labelling instance, its tasks and its timer are gone, and the lifecycle ends abandoned
        assertThat(runtimeService().createProcessInstanceQuery().processInstanceBusinessKey(labelling.projectId()).count())
                .isZero();
        assertThat(taskQuery().processInstanceId(labelling.labelling().getId()).count()).isZero();
        assertThat(jobQuery().processInstanceId(labelling.labelling().getId()).count()).isZero();
        HistoricProcessInstance called = historyService().createHistoricProcessInstanceQuery()
                .processInstanceId(labelling.labelling().getId()).singleResult();
        assertThat(called.getEndTime()).isNotNull();
        assertThat(labelling.labelling()).hasNotPassed(LabellingProcess.Elements.END_LABELLING_DONE);
        assertThat(labelling.lifecycle()).isEnded()
                .hasPassedInOrder(START_ABANDON_REQUESTED, SERVICE_ABANDON_PROJECT, END_ABANDONED)
                .hasNotPassed(XOR_LABEL_GRANTED, END_PROJECT_CLOSED, END_LABEL_REFUSED);
        assertThat(lastEvent(labelling.projectId(), ProjectAbandonedEvent.class).statusWhenAbandoned())
                .isEqualTo(ProjectStatus.UNDER_REVIEW);
        awaitProjectStatus(labelling.projectId(), ProjectStatus.ABANDONED.name());
    }

    @Test
    void a_finished_lifecycle_cannot_be_abandoned() {
        // given a project whose label was refused
        Labelling labelling = reviewed(newReviewers(2));
        decide(labelling, false);
        communicate(labelling);
        letRedressLapse(labelling);
        List<String> before = eventTypes(labelling.projectId());

        // when someone tries to abandon it
        DomainException refused = refusal(() -> as(STAFF, () -> lifecycle.abandon(labelling.projectId(), "Too late")));

        // then it is a conflict and nothing is stored
        assertThat(refused.kind()).isEqualTo(DomainException.Kind.CONFLICT);
        assertThat(refused).hasMessageContaining("no running lifecycle");
        assertThat(eventTypes(labelling.projectId())).isEqualTo(before);
        assertThat(labelling.lifecycle()).hasNotPassed(END_ABANDONED);
    }
}

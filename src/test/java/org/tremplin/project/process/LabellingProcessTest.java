package org.tremplin.project.process;

import org.axonframework.eventhandling.DomainEventMessage;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tremplin.platform.config.StepMetadata;
import org.tremplin.project.api.ReviewRecordedEvent;
import org.tremplin.project.api.ReviewReminderSentEvent;
import org.tremplin.project.api.ReviewersAssignedEvent;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Roles;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.tremplin.project.process.LabellingProcess.Elements.*;
import static org.tremplin.project.process.LabellingProcess.Variables.*;
import static org.tremplin.project.process.LabellingProcess.Variables.REVIEWER_IDS;
import static org.tremplin.project.process.LabellingProcess.Variables.REVIEWS_OVERDUE_AT;

/** Every path of {@code bpmn/labelling.bpmn}, called by a real lifecycle, on the real project aggregate. */
class LabellingProcessTest extends ProcessTestSupport {

    @Test
    void assigning_reviewers_opens_one_review_task_per_reviewer_assigned_to_that_reviewer() {
        // given a project submitted for labelling
        Labelling labelling = submittedForLabelling();
        List<String> reviewers = newReviewers(3);
        LocalDate deadline = inTenDays();

        // when pole staff assigns three reviewers
        assignReviewers(labelling, reviewers, deadline);

        // then each reviewer has exactly one review task of the project
        assertThat(labelling.labelling()).hasPassedInOrder(START_LABELLING_STARTED, USER_ASSIGN_REVIEWERS)
                .isWaitingAt(USER_REVIEW_FILE).isNotWaitingAt(USER_ASSIGN_REVIEWERS, USER_DECIDE_LABEL);
        List<Task> reviews = taskQuery().processInstanceId(labelling.labelling().getId())
                .taskDefinitionKey(USER_REVIEW_FILE).list();
        assertThat(reviews).extracting(Task::getAssignee).containsExactlyInAnyOrderElementsOf(reviewers);
        for (String reviewer : reviewers) {
            assertThat(reviewTaskOf(labelling, reviewer)).isAssignedTo(reviewer);
        }
        assertThat(labelling.labelling()).variables().containsKey(REVIEWER_IDS);
        assertThat(lastEvent(labelling.projectId(), ReviewersAssignedEvent.class))
                .isEqualTo(new ReviewersAssignedEvent(labelling.projectId(), reviewers, deadline));
        assertThat(labelling.lifecycle()).isWaitingAtExactly(ProjectLifecycleProcess.Elements.CALL_LABELLING);
        awaitProject(STAFF, labelling.projectId(), p -> "UNDER_REVIEW".equals(p.get("status"))
                && ((List<?>) p.get("reviews")).size() == 3);
    }

    @Test
    void the_committee_decides_once_every_reviewer_has_reviewed() {
        // given two assigned reviewers
        Labelling labelling = submittedForLabelling();
        List<String> reviewers = newReviewers(2);
        assignReviewers(labelling, reviewers, inTenDays());

        // when the first reviewer reviews
        review(labelling, reviewers.get(0), 15, "GRANT");

        // then the other review is still due
        assertThat(labelling.labelling()).isWaitingAt(USER_REVIEW_FILE).isNotWaitingAt(USER_ASSIGN_REVIEWERS, USER_DECIDE_LABEL).hasNotPassed(USER_DECIDE_LABEL);
        assertThat(taskQuery().processInstanceId(labelling.labelling().getId()).taskDefinitionKey(USER_REVIEW_FILE)
                .singleResult()).isAssignedTo(reviewers.get(1));

        // when the second reviewer reviews too
        review(labelling, reviewers.get(1), 9, "REFUSE");

        // then the committee decides, and the reviews are recorded as each reviewer's own
        assertThat(labelling.labelling()).hasPassed(USER_REVIEW_FILE).isWaitingAtExactly(USER_DECIDE_LABEL);
        assertThat(labelling.labelling()).task().hasCandidateGroup(Roles.POLE_STAFF);
        assertThat(eventsOfType(labelling.projectId(), ReviewRecordedEvent.class))
                .extracting(ReviewRecordedEvent::reviewerId, ReviewRecordedEvent::score)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(reviewers.get(0), 15),
                        org.assertj.core.groups.Tuple.tuple(reviewers.get(1), 9));
        assertThat(events(labelling.projectId()).stream()
                .filter(e -> e.getPayloadType().equals(ReviewRecordedEvent.class))
                .map(e -> e.getMetaData().get(StepMetadata.ACTOR)))
                .containsExactlyElementsOf(reviewers);
        // no reminder job is left once every review is in
        assertThat(jobQuery().processInstanceId(labelling.labelling().getId()).count()).isZero();
    }

    @Test
    void a_review_completed_without_values_does_not_borrow_another_reviewers_review() {
        // given two assigned reviewers, the first of whom has reviewed
        Labelling labelling = submittedForLabelling();
        List<String> reviewers = newReviewers(2);
        assignReviewers(labelling, reviewers, inTenDays());
        review(labelling, reviewers.get(0), 15, "GRANT");
        Task second = reviewTaskOf(labelling, reviewers.get(1));
        List<String> before = eventTypes(labelling.projectId());

        // when the second reviewer completes the task without any value (the engine API does not check forms)
        DomainException refused = refusal(() -> completeAs(reviewers.get(1), second, java.util.Map.of()));

        // then the first reviewer's values are not taken for the second's: the review is refused and stays due
        assertThat(refused.kind()).isEqualTo(DomainException.Kind.INVALID_INPUT);
        assertThat(refused).hasMessageContaining("score is required");
        assertThat(labelling.labelling()).variables().doesNotContainKeys(LabellingProcess.Variables.SCORE,
                LabellingProcess.Variables.RECOMMENDATION, LabellingProcess.Variables.CONCLUSIONS);
        assertThat(taskQuery().taskId(second.getId()).count()).isEqualTo(1);
        assertThat(eventTypes(labelling.projectId())).isEqualTo(before);
        assertThat(eventsOfType(labelling.projectId(), ReviewRecordedEvent.class)).extracting(ReviewRecordedEvent::reviewerId)
                .containsExactly(reviewers.get(0));
    }

    @ParameterizedTest(name = "granted = {0}")
    @ValueSource(booleans = {true, false})
    void the_decision_is_communicated_and_passed_out_to_the_lifecycle(boolean granted) {
        // given a project whose reviews are in
        Labelling labelling = reviewed(newReviewers(2));

        // when the committee decides
        decide(labelling, granted);

        // then the conclusions are to be communicated, with the decision kept for the lifecycle
        assertThat(labelling.labelling()).hasPassed(USER_DECIDE_LABEL).isWaitingAtExactly(USER_COMMUNICATE_CONCLUSIONS);
        assertThat(labelling.labelling()).variables().containsEntry(LABEL_GRANTED, granted);
        assertThat(labelling.labelling()).task().hasCandidateGroup(Roles.POLE_STAFF);
        assertThat(labelling.lifecycle()).isWaitingAtExactly(ProjectLifecycleProcess.Elements.CALL_LABELLING);

        // when pole staff communicates the conclusions
        communicate(labelling);
        assertThat(eventTypes(labelling.projectId())).endsWith(
                granted ? "LabelGrantedEvent" : "LabelRefusedEvent", "ConclusionsCommunicatedEvent");
        if (!granted) {
            // a refusal may be contested until the redress deadline; nobody contests it here (src/docs/redress.md)
            assertThat(labelling.labelling()).isWaitingAtExactly(USER_CONTEST_REFUSAL);
            letRedressLapse(labelling);
        }

        // then labelling ends and the lifecycle takes the matching end
        assertThat(labelling.labelling()).isEnded()
                .hasPassedInOrder(USER_ASSIGN_REVIEWERS, USER_REVIEW_FILE, USER_DECIDE_LABEL,
                        USER_COMMUNICATE_CONCLUSIONS, END_LABELLING_DONE)
                .hasNotPassed(TIMER_REVIEW_OVERDUE, SERVICE_REMIND_REVIEWERS, END_REMINDERS_SENT);
        assertThat(historicVariable(labelling.lifecycle(), ProjectLifecycleProcess.Variables.LABEL_GRANTED))
                .isEqualTo(granted);
        if (granted) {
            assertThat(labelling.lifecycle()).isWaitingAtExactly(ProjectLifecycleProcess.Elements.USER_CHOOSE_TARGET_CALLS);
        } else {
            assertThat(labelling.lifecycle()).isEnded().hasPassed(ProjectLifecycleProcess.Elements.END_LABEL_REFUSED);
        }
        if (granted) {
            assertThat(eventTypes(labelling.projectId())).endsWith("LabelGrantedEvent", "ConclusionsCommunicatedEvent");
        } else {
            assertThat(eventTypes(labelling.projectId())).endsWith("LabelRefusedEvent", "ConclusionsCommunicatedEvent",
                    "RedressDeadlinePassedEvent");
        }
    }

    @ParameterizedTest(name = "reviews due on {0} are overdue at {1}")
    @CsvSource({"07-14, 22:00", "01-15, 23:00"})
    void assigning_reviewers_sets_the_overdue_timer_at_the_end_of_the_deadline_day_in_paris(String day, String utcTime) {
        // given a project submitted for labelling and a deadline next year (summer time, then winter time in Paris)
        Labelling labelling = submittedForLabelling();
        LocalDate deadline = MonthDay.parse("--" + day).atYear(LocalDate.now(PARIS).getYear() + 1);

        // when pole staff assigns the reviewers
        assignReviewers(labelling, newReviewers(2), deadline);

        // then a timer waits until the deadline day is over in Paris
        Date endOfDeadlineDayInParis = Date.from(Instant.parse(deadline + "T" + utcTime + ":00Z"));
        Job timer = job(TIMER_REVIEW_OVERDUE, labelling.labelling());
        assertThat(timer).hasDueDate(endOfDeadlineDayInParis);
        assertThat(processEngine.getManagementService().createJobDefinitionQuery()
                .jobDefinitionId(timer.getJobDefinitionId()).singleResult().getActivityId()).isEqualTo(TIMER_REVIEW_OVERDUE);
        assertThat(jobQuery().processInstanceId(labelling.labelling().getId()).count()).isEqualTo(1);
        assertThat(labelling.labelling()).variables().containsEntry(REVIEWS_OVERDUE_AT, endOfDeadlineDayInParis);
    }

    @Test
    void the_overdue_timer_reminds_each_reviewer_still_due_and_the_reviews_stay_open() {
        // given three reviewers of whom one has reviewed
        Labelling labelling = submittedForLabelling();
        List<String> reviewers = newReviewers(3);
        LocalDate deadline = inTenDays();
        assignReviewers(labelling, reviewers, deadline);
        review(labelling, reviewers.get(1), 12, "GRANT");

        // when the reviews become overdue
        execute(job(TIMER_REVIEW_OVERDUE, labelling.labelling()));

        // then the two late reviewers are reminded by the engine, and their reviews are still due
        assertThat(labelling.labelling()).hasPassedInOrder(TIMER_REVIEW_OVERDUE, SERVICE_REMIND_REVIEWERS,
                END_REMINDERS_SENT).isWaitingAt(USER_REVIEW_FILE).isNotWaitingAt(USER_ASSIGN_REVIEWERS, USER_DECIDE_LABEL);
        assertThat(eventsOfType(labelling.projectId(), ReviewReminderSentEvent.class)).containsExactly(
                new ReviewReminderSentEvent(labelling.projectId(), reviewers.get(0), deadline),
                new ReviewReminderSentEvent(labelling.projectId(), reviewers.get(2), deadline));
        assertThat(events(labelling.projectId()).stream()
                .filter(e -> e.getPayloadType().equals(ReviewReminderSentEvent.class))
                .map(DomainEventMessage::getMetaData))
                .allSatisfy(metadata -> assertThat(metadata)
                        .containsEntry(StepMetadata.ACTOR, StepMetadata.SYSTEM_ACTOR)
                        .containsEntry(StepMetadata.ACTIVITY_ID, SERVICE_REMIND_REVIEWERS));
        assertThat(taskQuery().processInstanceId(labelling.labelling().getId()).taskDefinitionKey(USER_REVIEW_FILE)
                .list()).extracting(Task::getAssignee).containsExactlyInAnyOrder(reviewers.get(0), reviewers.get(2));
        assertThat(jobQuery().processInstanceId(labelling.labelling().getId()).count()).isZero();
        assertThat(labelling.lifecycle()).isWaitingAtExactly(ProjectLifecycleProcess.Elements.CALL_LABELLING);

        // and the late reviews still lead to the decision
        review(labelling, reviewers.get(0), 11, "GRANT");
        review(labelling, reviewers.get(2), 13, "GRANT");
        assertThat(labelling.labelling()).isWaitingAtExactly(USER_DECIDE_LABEL);
    }

    @Test
    void a_single_reviewer_is_refused_and_leaves_the_task_open() {
        // given a project submitted for labelling
        Labelling labelling = submittedForLabelling();
        Task task = task(USER_ASSIGN_REVIEWERS, labelling.labelling());
        List<String> before = eventTypes(labelling.projectId());
        long eventsBefore = storedEventCount();

        // when pole staff assigns only one reviewer
        DomainException refused = refusal(() -> completeAs(STAFF, task, assignment(newReviewers(1), inTenDays())));

        // then the project refuses, the task stays open and nothing is stored
        assertThat(refused.kind()).isEqualTo(DomainException.Kind.RULE_VIOLATED);
        assertThat(refused).hasMessageContaining("At least 2 reviewers are required (got 1)");
        assertRefusedAssignmentLeftNoTrace(labelling, task, before, eventsBefore);
    }

    @Test
    void a_reviewer_acting_for_a_consortium_member_is_refused_and_leaves_the_task_open() {
        // given a project submitted for labelling and a reviewer who is a member of the consortium's lab
        Labelling labelling = submittedForLabelling();
        List<String> reviewers = newReviewers(2);
        awaitOrganisationMember(labelling.consortium().lab().organisationId(), reviewers.get(1));
        Task task = task(USER_ASSIGN_REVIEWERS, labelling.labelling());
        List<String> before = eventTypes(labelling.projectId());
        long eventsBefore = storedEventCount();

        // when pole staff assigns that reviewer
        DomainException refused = refusal(() -> completeAs(STAFF, task, assignment(reviewers, inTenDays())));

        // then the conflict of interest is refused, the task stays open and nothing is stored
        assertThat(refused.kind()).isEqualTo(DomainException.Kind.RULE_VIOLATED);
        assertThat(refused).hasMessageContaining("Reviewer " + reviewers.get(1) + " acts for Laboratoire Photonique");
        assertRefusedAssignmentLeftNoTrace(labelling, task, before, eventsBefore);
    }

    @Test
    void a_reviewer_outside_the_reviewer_group_is_refused_and_leaves_the_task_open() {
        // given a project submitted for labelling and a carrier user proposed as a reviewer
        Labelling labelling = submittedForLabelling();
        String notAReviewer = newUser("carrier", Roles.CARRIER);
        Task task = task(USER_ASSIGN_REVIEWERS, labelling.labelling());
        List<String> before = eventTypes(labelling.projectId());
        long eventsBefore = storedEventCount();

        // when pole staff assigns that user
        DomainException refused = refusal(() -> completeAs(STAFF, task,
                assignment(List.of(newReviewers(1).get(0), notAReviewer), inTenDays())));

        // then the step is refused before any command, the task stays open and nothing is stored
        assertThat(refused.kind()).isEqualTo(DomainException.Kind.INVALID_INPUT);
        assertThat(refused).hasMessageContaining("reviewer " + notAReviewer + " is not a user of the reviewer group");
        assertRefusedAssignmentLeftNoTrace(labelling, task, before, eventsBefore);
    }

    private void assertRefusedAssignmentLeftNoTrace(Labelling labelling, Task task, List<String> eventsBefore,
                                                    long storedBefore) {
        assertThat(labelling.labelling()).isWaitingAtExactly(USER_ASSIGN_REVIEWERS).hasNotPassed(USER_ASSIGN_REVIEWERS);
        assertThat(taskQuery().taskId(task.getId()).count()).isEqualTo(1);
        assertThat(taskQuery().processInstanceId(labelling.labelling().getId()).taskDefinitionKey(USER_REVIEW_FILE)
                .count()).isZero();
        assertThat(jobQuery().processInstanceId(labelling.labelling().getId()).count()).isZero();
        assertThat(labelling.labelling()).variables().doesNotContainKeys(REVIEWER_IDS, REVIEWS_OVERDUE_AT);
        assertThat(eventTypes(labelling.projectId())).isEqualTo(eventsBefore);
        assertThat(storedEventCount()).isEqualTo(storedBefore);
    }

    @Test
    void only_the_assigned_reviewer_records_a_review_whatever_the_door() {
        // given reviewers assigned to a project
        Labelling labelling = submittedForLabelling();
        List<String> reviewers = newReviewers(2);
        assignReviewers(labelling, reviewers, inTenDays());
        Task reviewOfFirst = reviewTaskOf(labelling, reviewers.get(0));
        long eventsBefore = storedEventCount();

        // when the other reviewer, then pole staff, complete the first reviewer's task through the engine API
        java.util.Map<String, Object> values = java.util.Map.of(
                SCORE, 20L, RECOMMENDATION, "GRANT", CONCLUSIONS, "Written in someone else's place");
        DomainException byOtherReviewer = refusal(() -> completeAs(reviewers.get(1), reviewOfFirst, values));
        DomainException byStaff = refusal(() -> completeAs(STAFF, reviewOfFirst, values));

        // then both are refused, the task stays open and no review is stored
        assertThat(byOtherReviewer.kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
        assertThat(byOtherReviewer).hasMessageContaining("assigned to " + reviewers.get(0));
        assertThat(byStaff.kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
        assertThat(taskQuery().taskId(reviewOfFirst.getId()).count()).isEqualTo(1);
        assertThat(storedEventCount()).isEqualTo(eventsBefore);
        assertThat(eventsOfType(labelling.projectId(), ReviewRecordedEvent.class)).isEmpty();
    }

    @Test
    void a_carrier_cannot_take_the_committee_decision() {
        // given every review in
        Labelling labelling = reviewed(newReviewers(2));
        Task decision = task(USER_DECIDE_LABEL, labelling.labelling());
        long eventsBefore = storedEventCount();

        // when the carrier completes the committee's task
        DomainException refused = refusal(() -> completeAs(labelling.consortium().carrierUser(), decision,
                java.util.Map.of(GRANTED, true, REASONS, "We decide ourselves")));

        // then it is refused and nothing is decided
        assertThat(refused.kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
        assertThat(refused).hasMessageContaining("not offered to you");
        assertThat(taskQuery().taskId(decision.getId()).count()).isEqualTo(1);
        assertThat(storedEventCount()).isEqualTo(eventsBefore);
    }

    @Test
    void in_tasklist_a_reviewer_works_on_the_own_review_and_cannot_touch_another_one() {
        // given reviewers assigned to a project
        Labelling labelling = submittedForLabelling();
        List<String> reviewers = newReviewers(2);
        assignReviewers(labelling, reviewers, inTenDays());
        String reviewer = reviewers.get(0);

        // when the reviewer looks at tasks under Camunda's authorizations (as in Tasklist)
        List<String> visible = inTasklistAs(reviewer, () -> taskService.createTaskQuery()
                .processInstanceBusinessKey(labelling.projectId()).list().stream()
                .map(t -> t.getTaskDefinitionKey() + ":" + t.getAssignee()).toList());

        // then only the own review is visible, and completing it works
        assertThat(visible).containsExactly(USER_REVIEW_FILE + ":" + reviewer);
        Task own = reviewTaskOf(labelling, reviewer);
        inTasklistAs(reviewer, () -> {
            taskService.complete(own.getId(), java.util.Map.of(SCORE, 15L, RECOMMENDATION, "GRANT",
                    CONCLUSIONS, "Done in Tasklist"));
            return null;
        });
        assertThat(lastEvent(labelling.projectId(), ReviewRecordedEvent.class).reviewerId()).isEqualTo(reviewer);

        // and the other reviewer's task cannot be read nor completed there
        Task other = reviewTaskOf(labelling, reviewers.get(1));
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> inTasklistAs(reviewer, () -> {
            taskService.complete(other.getId(), java.util.Map.of(SCORE, 1L, RECOMMENDATION, "REFUSE", CONCLUSIONS, "x"));
            return null;
        }));
        assertThat(refused).isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> inTasklistAs(reviewer,
                () -> taskService.getVariables(other.getId()))))
                .as("variables of another reviewer's task")
                .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
    }
}

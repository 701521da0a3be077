package org.tremplin.project.process;

import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tremplin.audit.replay.ReadModelReplay;
import org.tremplin.audit.replay.ReplayReport;
import org.tremplin.platform.config.StepMetadata;
import org.tremplin.project.api.FileSentBackForReviewEvent;
import org.tremplin.project.api.ProjectStatus;
import org.tremplin.project.api.RedressDeadlinePassedEvent;
import org.tremplin.project.api.RefusalConfirmedEvent;
import org.tremplin.project.api.RefusalContestedEvent;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Roles;

import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.tremplin.project.process.LabellingProcess.Elements.*;
import static org.tremplin.project.process.LabellingProcess.Variables.*;

/** The redress after a refusal in {@code bpmn/labelling.bpmn}, on the real engine and the real project aggregate. */
class RedressProcessTest extends ProcessTestSupport {

    @Autowired
    private ReadModelReplay readModelReplay;

    @Test
    void the_carrier_contests_and_staff_confirm_the_refusal() {
        // given a refusal communicated to the carrier
        Labelling labelling = refusedAndCommunicated(newReviewers(2));
        Task contest = task(USER_CONTEST_REFUSAL, labelling.labelling());
        assertThat(contest).isAssignedTo(labelling.consortium().carrierUser());

        // when the carrier contests with its arguments
        completeAs(labelling.consortium().carrierUser(), contest, Map.of(ARGUMENTS, "The market study was ignored."));

        // then staff must decide, and the contest is the carrier's event
        assertThat(labelling.labelling()).hasPassed(USER_CONTEST_REFUSAL).isWaitingAtExactly(USER_DECIDE_REDRESS);
        assertThat(labelling.labelling()).task().hasCandidateGroup(Roles.POLE_STAFF);
        assertThat(jobQuery().processInstanceId(labelling.labelling().getId()).count()).as("deadline timer gone").isZero();
        RefusalContestedEvent contested = lastEvent(labelling.projectId(), RefusalContestedEvent.class);
        assertThat(contested.arguments()).isEqualTo("The market study was ignored.");
        assertThat(contested.carrierOrganisationId()).isEqualTo(labelling.consortium().carrier().organisationId());
        assertThat(contested.redressDeadline()).isEqualTo(LocalDate.now(PARIS).plusDays(30));

        // when staff confirm the refusal with reasons
        completeAs(STAFF, task(USER_DECIDE_REDRESS, labelling.labelling()),
                Map.of(CONFIRM_REFUSAL, true, REDRESS_REASONS, "The market evidence is still missing."));

        // then labelling ends, the lifecycle ends as refused, and the confirmation is recorded for the carrier
        assertThat(labelling.labelling()).isEnded().hasPassedInOrder(USER_COMMUNICATE_CONCLUSIONS, XOR_REDRESS_OPEN,
                USER_CONTEST_REFUSAL, USER_DECIDE_REDRESS, XOR_REDRESS_UPHELD, END_LABELLING_DONE)
                .hasNotPassed(TIMER_REDRESS_DEADLINE, SERVICE_CLOSE_REDRESS);
        assertThat(labelling.lifecycle()).isEnded().hasPassed(ProjectLifecycleProcess.Elements.END_LABEL_REFUSED);
        assertThat(lastEvent(labelling.projectId(), RefusalConfirmedEvent.class)).isEqualTo(new RefusalConfirmedEvent(
                labelling.projectId(), labelling.consortium().carrier().organisationId(),
                "The market evidence is still missing."));
        awaitProjectStatus(labelling.projectId(), ProjectStatus.LABEL_REFUSED.name());

        // and the outcome reaches the carrier through the API, with its arguments and staff's reasons
        Map<String, Object> seen = awaitProject(labelling.consortium().carrierUser(), labelling.projectId(),
                p -> p.get("redress") instanceof Map<?, ?> r && "CONFIRMED".equals(r.get("state")));
        @SuppressWarnings("unchecked")
        Map<String, Object> redress = (Map<String, Object>) seen.get("redress");
        assertThat(redress).containsEntry("reasons", "The market evidence is still missing.")
                .containsEntry("arguments", "The market study was ignored.")
                .containsEntry("deadline", LocalDate.now(PARIS).plusDays(30).toString());
        // a partner of the consortium sees the file, not the carrier's redress
        assertThat(awaitProject(labelling.consortium().largeUser(), labelling.projectId(), p -> p.containsKey("status")))
                .doesNotContainKey("redress");
    }

    @Test
    void a_contest_upheld_sends_the_file_to_other_reviewers_who_can_grant_the_label() throws InterruptedException {
        // given a contested refusal
        List<String> first = newReviewers(2);
        Labelling labelling = refusedAndCommunicated(first);
        completeAs(labelling.consortium().carrierUser(), task(USER_CONTEST_REFUSAL, labelling.labelling()),
                Map.of(ARGUMENTS, "Expert 2 misread the budget."));

        // when staff send the file back to a new review
        completeAs(STAFF, task(USER_DECIDE_REDRESS, labelling.labelling()),
                Map.of(CONFIRM_REFUSAL, false, REDRESS_REASONS, "A fresh look by other experts."));

        // then reviewers are to be assigned again, and the project waits for them
        assertThat(labelling.labelling()).isWaitingAtExactly(USER_ASSIGN_REVIEWERS);
        assertThat(lastEvent(labelling.projectId(), FileSentBackForReviewEvent.class).formerReviewerIds())
                .containsExactlyElementsOf(first);
        Map<String, Object> sentBack = awaitProjectStatus(labelling.projectId(), ProjectStatus.AWAITING_REVIEWERS.name());
        assertThat((List<?>) sentBack.get("reviews")).as("earlier reviews leave the current file").isEmpty();
        assertThat(sentBack).doesNotContainKey("label");
        awaitProject(labelling.consortium().carrierUser(), labelling.projectId(),
                p -> p.get("redress") instanceof Map<?, ?> r && "SENT_BACK".equals(r.get("state"))
                        && "A fresh look by other experts.".equals(r.get("reasons")));

        // when staff assign one of the former reviewers: refused, the task stays open, nothing stored
        Task assign = task(USER_ASSIGN_REVIEWERS, labelling.labelling());
        long before = storedEventCount();
        List<String> second = newReviewers(2);
        DomainException refused = refusal(() -> completeAs(STAFF, assign,
                assignment(List.of(second.get(0), first.get(1)), inTenDays())));
        assertThat(refused.kind()).isEqualTo(DomainException.Kind.RULE_VIOLATED);
        assertThat(refused).hasMessageContaining("Reviewer " + first.get(1) + " already reviewed this file");
        assertThat(taskQuery().taskId(assign.getId()).count()).isEqualTo(1);
        assertThat(storedEventCount()).isEqualTo(before);

        // when other reviewers review, the committee grants the label and it is communicated
        assignReviewers(labelling, second, inTenDays());
        for (String reviewer : second) {
            review(labelling, reviewer, 16, "GRANT");
        }
        decide(labelling, true);
        communicate(labelling);

        // then labelling ends with the label, and the lifecycle goes on to the funders' calls
        assertThat(labelling.labelling()).isEnded().hasPassed(USER_DECIDE_REDRESS, XOR_REDRESS_UPHELD, END_LABELLING_DONE);
        assertThat(labelling.lifecycle()).isWaitingAtExactly(ProjectLifecycleProcess.Elements.USER_CHOOSE_TARGET_CALLS);
        assertThat(eventTypes(labelling.projectId())).endsWith("RefusalContestedEvent", "FileSentBackForReviewEvent",
                "ReviewersAssignedEvent", "ReviewRecordedEvent", "ReviewRecordedEvent", "LabelGrantedEvent",
                "ConclusionsCommunicatedEvent");
        Map<String, Object> granted = awaitProjectStatus(labelling.projectId(), ProjectStatus.LABEL_GRANTED.name());
        assertThat((List<?>) granted.get("reviews")).as("the second panel's reviews only").hasSize(2);

        // and a replay rebuilds the same file from the events: the former reviewers, assigned and sent back within
        // one of its batches, stay out of it (they were kept when the sent-back handler bypassed the batched writes)
        ReplayReport replayed = readModelReplay.runAndWait(STAFF);
        ReplayReport.ProcessorReport projects = replayed.processors().stream()
                .filter(p -> p.name().equals("projects")).findFirst().orElseThrow();
        assertThat(projects.after().sha256()).as("%s", projects).isEqualTo(projects.before().sha256());
        assertThat(awaitProjectStatus(labelling.projectId(), ProjectStatus.LABEL_GRANTED.name())).isEqualTo(granted);
    }

    @Test
    void a_second_refusal_after_a_redress_is_final_at_once() {
        // given a file sent back after a contest
        Labelling labelling = refusedAndCommunicated(newReviewers(2));
        completeAs(labelling.consortium().carrierUser(), task(USER_CONTEST_REFUSAL, labelling.labelling()),
                Map.of(ARGUMENTS, "Please look again."));
        completeAs(STAFF, task(USER_DECIDE_REDRESS, labelling.labelling()),
                Map.of(CONFIRM_REFUSAL, false, REDRESS_REASONS, "Fair point."));

        // when the new review ends in a refusal too
        List<String> second = newReviewers(2);
        assignReviewers(labelling, second, inTenDays());
        for (String reviewer : second) {
            review(labelling, reviewer, 8, "REFUSE");
        }
        decide(labelling, false);
        communicate(labelling);

        // then no second contest is offered: labelling ends as refused
        assertThat(labelling.labelling()).isEnded();
        assertThat(labelling.lifecycle()).isEnded().hasPassed(ProjectLifecycleProcess.Elements.END_LABEL_REFUSED);
        assertThat(eventTypes(labelling.projectId())).endsWith("LabelRefusedEvent", "ConclusionsCommunicatedEvent");
    }

    @Test
    void the_deadline_passing_without_a_contest_makes_the_refusal_final() {
        // given a refusal communicated today
        Labelling labelling = refusedAndCommunicated(newReviewers(2));

        // then the deadline timer waits until the 30th day is over in Paris
        LocalDate last = LocalDate.now(PARIS).plusDays(30);
        Job timer = job(TIMER_REDRESS_DEADLINE, labelling.labelling());
        assertThat(timer).hasDueDate(Date.from(last.plusDays(1).atStartOfDay(PARIS).toInstant()));

        // when it fires (run by the engine's job execution)
        org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute(timer);

        // then the refusal is final, the carrier's task is gone, and the engine recorded it
        assertThat(labelling.labelling()).isEnded().hasPassedInOrder(XOR_REDRESS_OPEN, TIMER_REDRESS_DEADLINE,
                SERVICE_CLOSE_REDRESS, END_LABELLING_DONE).hasNotPassed(USER_DECIDE_REDRESS);
        assertThat(taskQuery().processInstanceId(labelling.labelling().getId()).count()).isZero();
        assertThat(labelling.lifecycle()).isEnded().hasPassed(ProjectLifecycleProcess.Elements.END_LABEL_REFUSED);
        assertThat(lastEvent(labelling.projectId(), RedressDeadlinePassedEvent.class)).isEqualTo(
                new RedressDeadlinePassedEvent(labelling.projectId(), labelling.consortium().carrier().organisationId(), last));
        assertThat(events(labelling.projectId()).get(events(labelling.projectId()).size() - 1).getMetaData())
                .containsEntry(StepMetadata.ACTOR, StepMetadata.SYSTEM_ACTOR)
                .containsEntry(StepMetadata.ACTIVITY_ID, SERVICE_CLOSE_REDRESS);
        awaitProject(labelling.consortium().carrierUser(), labelling.projectId(),
                p -> p.get("redress") instanceof Map<?, ?> r && "LAPSED".equals(r.get("state"))
                        && last.toString().equals(r.get("deadline")));
    }

    @Test
    void a_contest_without_arguments_or_by_someone_else_is_refused_and_stores_nothing() {
        // given a refusal communicated to the carrier
        Labelling labelling = refusedAndCommunicated(newReviewers(2));
        Task contest = task(USER_CONTEST_REFUSAL, labelling.labelling());
        long before = storedEventCount();

        // when the carrier sends no arguments, and a partner's user tries the carrier's task
        DomainException empty = refusal(() -> completeAs(labelling.consortium().carrierUser(), contest,
                Map.of(ARGUMENTS, "   ")));
        DomainException partner = refusal(() -> completeAs(labelling.consortium().largeUser(), contest,
                Map.of(ARGUMENTS, "We contest for them")));

        // then both are refused, the task stays open with its timer, and nothing is stored
        assertThat(empty.kind()).isEqualTo(DomainException.Kind.INVALID_INPUT);
        assertThat(empty).hasMessageContaining("arguments");
        assertThat(partner.kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
        assertThat(taskQuery().taskId(contest.getId()).count()).isEqualTo(1);
        assertThat(jobQuery().processInstanceId(labelling.labelling().getId()).count()).isEqualTo(1);
        assertThat(storedEventCount()).isEqualTo(before);
        assertThat(eventsOfType(labelling.projectId(), RefusalContestedEvent.class)).isEmpty();
    }

    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.test.web.servlet.MockMvc mvc;

    @Test
    void the_console_pages_of_the_redress_contest_and_decide_it() throws Exception {
        // given a refusal communicated to the carrier
        Labelling labelling = refusedAndCommunicated(newReviewers(2));
        String carrier = labelling.consortium().carrierUser();
        String contest = task(USER_CONTEST_REFUSAL, labelling.labelling()).getId();
        // (the page reads the project read model, which catches up with the communicated refusal just after its commit)
        awaitProject(carrier, labelling.projectId(), p -> p.get("conclusions") != null);

        // before it contests, the carrier sees the time left, through the API and on its pages; a partner does not
        LocalDate last = LocalDate.now(PARIS).plusDays(30);
        @SuppressWarnings("unchecked")
        Map<String, Object> open = (Map<String, Object>) get(carrier, "/api/projects/" + labelling.projectId()).getBody().get("redress");
        assertThat(open).containsEntry("state", "OPEN").containsEntry("deadline", last.toString())
                .containsEntry("daysLeft", 30)
                .containsEntry("contestableUntil", last.plusDays(1).atStartOfDay(PARIS).toInstant().toString())
                .doesNotContainKeys("arguments", "reasons");
        assertThat(get(labelling.consortium().largeUser(), "/api/projects/" + labelling.projectId()).getBody())
                .doesNotContainKey("redress");
        assertThat(html(mvc.perform(pageAs(get("/projects/" + labelling.projectId()), carrier, Roles.CARRIER)).andReturn()))
                .contains("id=\"redress-open\"", "30 days left after today");

        // the carrier's task page shows the arguments' field and the time left; an empty contest is refused by the
        // field, nothing stored
        assertThat(html(mvc.perform(pageAs(get("/tasks/" + contest), carrier, Roles.CARRIER)).andReturn()))
                .contains("id=\"arguments\"", "No market evidence.", "30 days left after today");
        long before = storedEventCount();
        var empty = mvc.perform(pageAs(post("/tasks/" + contest).param(ARGUMENTS, " "), carrier, Roles.CARRIER)).andReturn();
        assertThat(empty.getResponse().getStatus()).isEqualTo(400);
        assertThat(storedEventCount()).isEqualTo(before);
        var contested = mvc.perform(pageAs(post("/tasks/" + contest).param(ARGUMENTS, "Our pilot customer was not read."),
                carrier, Roles.CARRIER)).andReturn();
        assertThat(contested.getResponse().getStatus()).isEqualTo(302);
        assertThat(eventTypes(labelling.projectId())).endsWith("RefusalContestedEvent");

        // staff's page shows the carrier's arguments beside the decision's fields, and confirming works
        awaitProject(STAFF, labelling.projectId(), p -> p.get("redress") instanceof Map<?, ?> r && "CONTESTED".equals(r.get("state")));
        String decide = task(USER_DECIDE_REDRESS, labelling.labelling()).getId();
        assertThat(html(mvc.perform(pageAs(get("/tasks/" + decide), STAFF, Roles.POLE_STAFF)).andReturn()))
                .contains("Our pilot customer was not read.", "id=\"redressReasons\"");
        var decided = mvc.perform(pageAs(post("/tasks/" + decide).param(CONFIRM_REFUSAL, "true")
                .param(REDRESS_REASONS, "Still no market evidence."), STAFF, Roles.POLE_STAFF)).andReturn();
        assertThat(decided.getResponse().getStatus()).isEqualTo(302);
        assertThat(eventTypes(labelling.projectId())).endsWith("RefusalContestedEvent", "RefusalConfirmedEvent");
    }

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

    private Labelling refusedAndCommunicated(List<String> reviewers) {
        Labelling labelling = reviewed(reviewers);
        decide(labelling, false);
        communicate(labelling);
        assertThat(labelling.labelling()).isWaitingAtExactly(USER_CONTEST_REFUSAL);
        return labelling;
    }
}

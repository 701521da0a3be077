package org.tremplin.project.process;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.project.api.ConfidentialityLevel;
import org.tremplin.project.api.InvitePartnerCommand;
import org.tremplin.project.api.JoinConsortiumCommand;
import org.tremplin.project.api.PartnerOrganisation;
import org.tremplin.project.api.SignNdaCommand;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.ParisTime;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;

/**
 * Process tests against the real engine and the real Axon aggregate: the lifecycle is started through
 * {@link ProjectLifecycle}, user tasks are completed through the Camunda API as an authenticated user
 * (as Tasklist does), the consortium is built with the project's own commands. Each action runs as one request
 * would: once it returns, the read models cover the events it committed (the API's read-your-writes), so that the
 * next step, whose listeners read them, sees what the previous one did.
 */
public abstract class ProcessTestSupport extends ApiTestSupport {

    protected static final ZoneId PARIS = ParisTime.ZONE;

    @Autowired
    protected ProjectLifecycle lifecycle;
    @Autowired
    private org.tremplin.platform.web.ReadModels readModels;
    @Autowired
    protected CommandGateway commandGateway;
    @Autowired
    protected IdentityService identityService;
    @Autowired
    protected TaskService taskService;

    /** A carrier SME with its user, and (once built) a large company and a research lab, each with a user. */
    protected record Consortium(String projectId, ProcessInstance lifecycle, String carrierUser,
                                PartnerOrganisation carrier, String largeUser, PartnerOrganisation large,
                                String labUser, PartnerOrganisation lab) {
    }

    /** A project submitted for labelling: the lifecycle waits in the call activity, labelling is its called instance. */
    protected record Labelling(Consortium consortium, ProcessInstance labelling) {

        public String projectId() {
            return consortium.projectId();
        }

        public ProcessInstance lifecycle() {
            return consortium.lifecycle();
        }
    }

    // ---------------------------------------------------------------- acting as a user

    /** Runs engine calls as the user (with the user's groups), exactly as the API does. */
    protected void as(String userId, Runnable work) {
        as(userId, () -> {
            work.run();
            return null;
        });
    }

    protected <T> T as(String userId, Supplier<T> work) {
        return asOneRequest(() -> org.tremplin.platform.process.Caller.as(userId, identity.groupsOf(userId), work));
    }

    /**
     * Runs the work as the API runs a request: the events it commits are recorded for the request, and once it
     * returns, the read models are awaited until they cover them ({@code ReadModels.catchUp}, as the API's filter
     * does). Nested calls belong to the outer request.
     */
    private <T> T asOneRequest(Supplier<T> work) {
        if (org.springframework.web.context.request.RequestContextHolder.getRequestAttributes() != null) {
            return work.get();
        }
        org.springframework.web.context.request.RequestContextHolder.setRequestAttributes(
                new org.springframework.web.context.request.ServletRequestAttributes(
                        new org.springframework.mock.web.MockHttpServletRequest()));
        try {
            T result = work.get();
            readModels.catchUp();
            return result;
        } finally {
            org.springframework.web.context.request.RequestContextHolder.resetRequestAttributes();
        }
    }

    /** Runs engine calls under Camunda's authentication and authorizations, as Tasklist and the engine REST do. */
    protected <T> T inTasklistAs(String userId, Supplier<T> work) {
        identityService.setAuthentication(userId, identity.groupsOf(userId));
        try {
            return work.get();
        } finally {
            identityService.clearAuthentication();
        }
    }

    /** Sends a project command outside the process (e.g. the REST API's consortium steps) as the user. */
    protected void command(String userId, Object command) {
        asOneRequest(() -> {
            identity.runAs(userId, () -> commandGateway.sendAndWait(command));
            return null;
        });
    }

    /** Completes the task as the user through the Camunda API; the task's complete listener runs in that call. */
    protected void completeAs(String userId, Task task, Map<String, Object> variables) {
        as(userId, () -> taskService.complete(task.getId(), variables));
    }

    // ---------------------------------------------------------------- building a project

    protected PartnerOrganisation organisation(String name, OrganisationKind kind, String memberUser) {
        return new PartnerOrganisation(newOrganisation(name, kind.name(), memberUser), name, kind);
    }

    /** An idea of an SME carrier, started as its user: the lifecycle then waits for the consortium. */
    protected Consortium ideaSubmitted(ConfidentialityLevel confidentiality) {
        String carrierUser = newUser("carrier", Roles.CARRIER);
        PartnerOrganisation carrier = organisation("Photonique SME", OrganisationKind.SME, carrierUser);
        String projectId = newProjectId();
        String processInstanceId = as(carrierUser, () -> lifecycle.submitIdea(new ProjectLifecycle.IdeaSubmission(
                projectId, "Quantum lidar for autonomous trains", "A photonic lidar robust to fog.", "Mobility",
                confidentiality, carrier.organisationId(), carrier.name(), carrier.kind(), new BigDecimal("250000.50"),
                carrierUser)));
        ProcessInstance instance = runtimeService().createProcessInstanceQuery().processInstanceId(processInstanceId)
                .singleResult();
        return new Consortium(projectId, instance, carrierUser, carrier, null, null, null, null);
    }

    /** An SME carrier, a large company and a research lab, joined and under NDA: the consortium rule is met. */
    protected Consortium consortiumReadyForLabelling() {
        Consortium idea = ideaSubmitted(ConfidentialityLevel.CONSORTIUM);
        String largeUser = newUser("large", Roles.CARRIER);
        String labUser = newUser("lab", Roles.CARRIER);
        PartnerOrganisation large = organisation("Grand Groupe SA", OrganisationKind.LARGE_COMPANY, largeUser);
        PartnerOrganisation lab = organisation("Laboratoire Photonique", OrganisationKind.RESEARCH_LAB, labUser);
        String projectId = idea.projectId();
        command(idea.carrierUser(), new InvitePartnerCommand(projectId, large));
        command(idea.carrierUser(), new InvitePartnerCommand(projectId, lab));
        command(largeUser, new JoinConsortiumCommand(projectId, large.organisationId(), "System integration",
                new BigDecimal("400000")));
        command(largeUser, new SignNdaCommand(projectId, large.organisationId(), largeUser));
        command(labUser, new JoinConsortiumCommand(projectId, lab.organisationId(), "Photonic sources",
                new BigDecimal("300000")));
        command(labUser, new SignNdaCommand(projectId, lab.organisationId(), labUser));
        return new Consortium(projectId, idea.lifecycle(), idea.carrierUser(), idea.carrier(), largeUser, large,
                labUser, lab);
    }

    /** The carrier ticks "consortium complete": the lifecycle calls labelling, which waits for reviewers. */
    protected Labelling submittedForLabelling() {
        Consortium consortium = consortiumReadyForLabelling();
        completeAs(consortium.carrierUser(), task(ProjectLifecycleProcess.Elements.USER_BUILD_CONSORTIUM,
                consortium.lifecycle()), Map.of(ProjectLifecycleProcess.Variables.CONSORTIUM_COMPLETE, true));
        return new Labelling(consortium, calledProcessInstance(LabellingProcess.KEY, consortium.lifecycle()));
    }

    protected List<String> newReviewers(int count) {
        List<String> reviewers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            reviewers.add(newUser("reviewer", Roles.REVIEWER));
        }
        return reviewers;
    }

    /** Pole staff assigns the reviewers with the date their reviews are due (a date field, as Tasklist sends it). */
    protected void assignReviewers(Labelling labelling, List<String> reviewers, LocalDate deadline) {
        completeAs(STAFF, task(LabellingProcess.Elements.USER_ASSIGN_REVIEWERS, labelling.labelling()),
                assignment(reviewers, deadline));
    }

    protected static Map<String, Object> assignment(List<String> reviewers, LocalDate deadline) {
        return Map.of(LabellingProcess.Variables.REVIEWERS, String.join(", ", reviewers),
                LabellingProcess.Variables.REVIEW_DEADLINE, Date.from(deadline.atStartOfDay(PARIS).toInstant()));
    }

    protected static LocalDate inTenDays() {
        return LocalDate.now(PARIS).plusDays(10);
    }

    protected Task reviewTaskOf(Labelling labelling, String reviewer) {
        return task(taskQuery().taskDefinitionKey(LabellingProcess.Elements.USER_REVIEW_FILE).taskAssignee(reviewer),
                labelling.labelling());
    }

    protected void review(Labelling labelling, String reviewer, int score, String recommendation) {
        completeAs(reviewer, reviewTaskOf(labelling, reviewer), Map.of(
                LabellingProcess.Variables.SCORE, (long) score,
                LabellingProcess.Variables.RECOMMENDATION, recommendation,
                LabellingProcess.Variables.CONCLUSIONS, "Conclusions of " + reviewer));
    }

    protected void decide(Labelling labelling, boolean granted) {
        completeAs(STAFF, task(LabellingProcess.Elements.USER_DECIDE_LABEL, labelling.labelling()), Map.of(
                LabellingProcess.Variables.GRANTED, granted,
                LabellingProcess.Variables.REASONS, granted ? "Innovative, balanced consortium." : "No market evidence."));
    }

    protected void communicate(Labelling labelling) {
        completeAs(STAFF, task(LabellingProcess.Elements.USER_COMMUNICATE_CONCLUSIONS, labelling.labelling()),
                Map.of(LabellingProcess.Variables.MESSAGE, "Thank you for your project."));
    }

    /** Nobody contests a communicated refusal: the redress deadline timer fires and the refusal becomes final. */
    protected void letRedressLapse(Labelling labelling) {
        org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute(
                org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job(
                        LabellingProcess.Elements.TIMER_REDRESS_DEADLINE, labelling.labelling()));
    }

    /** Reviewers assigned, both reviews in: the committee's decision is due. */
    protected Labelling reviewed(List<String> reviewers) {
        Labelling labelling = submittedForLabelling();
        assignReviewers(labelling, reviewers, inTenDays());
        for (String reviewer : reviewers) {
            review(labelling, reviewer, 14, "GRANT");
        }
        return labelling;
    }

    // ---------------------------------------------------------------- reading outcomes

    /** The business refusal behind a failed engine call (the engine may wrap what a step threw). */
    protected static DomainException refusal(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("the step should have been refused").isNotNull();
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof DomainException domain) {
                return domain;
            }
        }
        return fail("Expected a DomainException behind " + thrown, thrown);
    }

    protected <T> List<T> eventsOfType(String projectId, Class<T> type) {
        return events(projectId).stream()
                .filter(e -> type.equals(e.getPayloadType()))
                .map(DomainEventMessage::getPayload)
                .map(type::cast)
                .toList();
    }

    protected <T> T lastEvent(String projectId, Class<T> type) {
        List<? extends DomainEventMessage<?>> events = events(projectId);
        assertThat(events).isNotEmpty();
        Object payload = events.get(events.size() - 1).getPayload();
        assertThat(payload).isInstanceOf(type);
        return type.cast(payload);
    }

    /** The variable's value in the instance's history (also for instances that have ended). */
    protected Object historicVariable(ProcessInstance instance, String name) {
        var variable = processEngine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId()).variableName(name).singleResult();
        assertThat(variable).as("historic variable %s of %s", name, instance.getId()).isNotNull();
        return variable.getValue();
    }

    /** The project as the read model shows it to pole staff, once the projection satisfies the condition. */
    protected Map<String, Object> awaitProjectStatus(String projectId, String status) {
        return awaitProject(STAFF, projectId, p -> status.equals(p.get("status")));
    }

    protected void awaitOrganisationMember(String organisationId, String userId) {
        ResponseEntity<Map<String, Object>> added = post(STAFF, "/api/organisations/" + organisationId + "/members",
                Map.of("userId", userId));
        assertThat(added.getStatusCode().value()).as("add member: %s", added.getBody()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> ((List<?>) get(STAFF, "/api/organisations/" + organisationId)
                .getBody().get("members")).contains(userId));
    }

    private static String newProjectId() {
        return "PRJ-T" + java.util.UUID.randomUUID().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
    }
}

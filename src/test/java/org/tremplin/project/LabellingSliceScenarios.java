package org.tremplin.project;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.tremplin.organisation.api.NationalIdScheme;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.organisation.api.RegisterOrganisationCommand;
import org.tremplin.project.process.LabellingProcess;
import org.tremplin.project.process.ProjectLifecycleProcess;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

/**
 * The whole slice from idea to label through the REST API, and the atomicity of steps; run on H2 and
 * on PostgreSQL by the subclasses.
 */
public abstract class LabellingSliceScenarios extends ApiTestSupport {

    @Autowired
    private TransactionTemplate transactions;
    @Autowired
    private CommandGateway commandGateway;

    @Test
    void a_project_goes_from_idea_to_label_through_the_api_with_every_step_an_event() {
        ApiConsortium c = consortiumThroughApi();
        String reviewerA = newUser("reviewer", Roles.REVIEWER);
        String reviewerB = newUser("reviewer", Roles.REVIEWER);

        assertThat(complete(c.carrierUser(), awaitTask(c.carrierUser(), c.projectId(),
                ProjectLifecycleProcess.Elements.USER_BUILD_CONSORTIUM), Map.of("consortiumComplete", true))
                .getStatusCode().value()).isEqualTo(204);
        assertThat(complete(STAFF, awaitTask(STAFF, c.projectId(), LabellingProcess.Elements.USER_ASSIGN_REVIEWERS),
                Map.of("reviewers", reviewerA + ", " + reviewerB,
                        "reviewDeadline", LocalDate.now().plusDays(10).toString())).getStatusCode().value()).isEqualTo(204);
        assertThat(complete(reviewerA, awaitTask(reviewerA, c.projectId(), LabellingProcess.Elements.USER_REVIEW_FILE),
                Map.of("score", 15, "recommendation", "GRANT", "conclusions", "Solid team, clear market."))
                .getStatusCode().value()).isEqualTo(204);
        // Reviews are independent: the second reviewer's form shows nothing of the first review.
        Map<String, Object> reviewB = awaitTask(reviewerB, c.projectId(), LabellingProcess.Elements.USER_REVIEW_FILE);
        assertThat((List<Map<String, Object>>) reviewB.get("form"))
                .extracting(field -> field.get("id"), field -> field.get("value"))
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("score", null),
                        org.assertj.core.groups.Tuple.tuple("recommendation", null),
                        org.assertj.core.groups.Tuple.tuple("conclusions", null));
        assertThat(complete(reviewerB, awaitTask(reviewerB, c.projectId(), LabellingProcess.Elements.USER_REVIEW_FILE),
                Map.of("score", 12, "recommendation", "GRANT", "conclusions", "Budget of the lab is high."))
                .getStatusCode().value()).isEqualTo(204);
        assertThat(complete(STAFF, awaitTask(STAFF, c.projectId(), LabellingProcess.Elements.USER_DECIDE_LABEL),
                Map.of("granted", true, "reasons", "Innovative and well balanced consortium."))
                .getStatusCode().value()).isEqualTo(204);

        // Before the explicit communication step, the carrier does not see the committee's decision.
        Map<String, Object> beforeCommunication = awaitProject(c.carrierUser(), c.projectId(),
                p -> "LABEL_GRANTED".equals(p.get("status")));
        assertThat(beforeCommunication).doesNotContainKeys("label", "conclusions", "reviews");

        assertThat(complete(STAFF, awaitTask(STAFF, c.projectId(), LabellingProcess.Elements.USER_COMMUNICATE_CONCLUSIONS),
                Map.of("message", "Well done.")).getStatusCode().value()).isEqualTo(204);

        Map<String, Object> seenByCarrier = awaitProject(c.carrierUser(), c.projectId(), p -> p.containsKey("conclusions"));
        @SuppressWarnings("unchecked")
        Map<String, Object> conclusions = (Map<String, Object>) seenByCarrier.get("conclusions");
        assertThat(conclusions).containsEntry("decision", "GRANTED").containsEntry("message", "Well done.")
                .containsEntry("reasons", "Innovative and well balanced consortium.");
        assertThat((List<Map<String, Object>>) conclusions.get("experts"))
                .extracting(e -> e.get("expert"), e -> e.get("score"), e -> e.get("conclusions"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Expert 1", 15, "Solid team, clear market."),
                        org.assertj.core.groups.Tuple.tuple("Expert 2", 12, "Budget of the lab is high."));
        assertThat(seenByCarrier.toString()).doesNotContain(reviewerA).doesNotContain(reviewerB);

        ProcessInstance lifecycle = runtimeService().createProcessInstanceQuery()
                .processInstanceId(c.processInstanceId()).singleResult();
        assertThat(lifecycle).as("a labelled project moves on to its funding stage").isNotNull();
        assertThat(runtimeService().getActiveActivityIds(c.processInstanceId()))
                .containsExactly(ProjectLifecycleProcess.Elements.USER_CHOOSE_TARGET_CALLS);

        assertThat(eventTypes(c.projectId())).containsExactly(
                "IdeaSubmittedEvent", "PartnerInvitedEvent", "PartnerInvitedEvent",
                "PartnerJoinedEvent", "NdaSignedEvent", "PartnerJoinedEvent", "NdaSignedEvent",
                "ProjectSubmittedForLabellingEvent", "ReviewersAssignedEvent", "ReviewRecordedEvent", "ReviewRecordedEvent",
                "LabelGrantedEvent", "ConclusionsCommunicatedEvent");

        ResponseEntity<List<Map<String, Object>>> history = getList(AUDITOR, "/api/projects/" + c.projectId() + "/events");
        assertThat(history.getStatusCode().value()).isEqualTo(200);
        List<Map<String, Object>> entries = history.getBody();
        assertThat(entries).extracting(e -> ((Number) e.get("sequenceNumber")).intValue())
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.get("actor")).isNotNull();
            assertThat(e.get("correlationId")).isNotNull();
            assertThat(e.get("processInstanceId")).isNotNull();
        });
        Map<String, Object> idea = entries.get(0);
        assertThat(idea).containsEntry("actor", c.carrierUser())
                .containsEntry("activityId", ProjectLifecycleProcess.Elements.SERVICE_SUBMIT_IDEA)
                .containsEntry("processInstanceId", c.processInstanceId());
        Map<String, Object> granted = entries.get(11);
        assertThat(granted).containsEntry("type", "LabelGrantedEvent").containsEntry("actor", STAFF)
                .containsEntry("activityId", LabellingProcess.Elements.USER_DECIDE_LABEL);
        assertThat((String) granted.get("roles")).contains(Roles.POLE_STAFF);
        assertThat(entries.get(9)).containsEntry("actor", reviewerA)
                .containsEntry("activityId", LabellingProcess.Elements.USER_REVIEW_FILE);

        ResponseEntity<Map<String, Object>> denied = get(c.carrierUser(), "/api/projects/" + c.projectId() + "/events");
        assertThat(denied.getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void a_refused_submission_leaves_the_task_open_and_stores_no_event() {
        String carrierUser = newUser("carrier", Roles.CARRIER);
        String carrierOrg = newOrganisation("Lonely SME", "SME", carrierUser);
        ResponseEntity<Map<String, Object>> submitted = post(carrierUser, "/api/projects", Map.of(
                "title", "Alone", "summary", "No partners yet.", "thematicAxis", "Energy",
                "confidentiality", "PUBLIC", "carrierOrganisationId", carrierOrg, "plannedBudget", 1000));
        String projectId = (String) submitted.getBody().get("id");
        Map<String, Object> task = awaitTask(carrierUser, projectId, ProjectLifecycleProcess.Elements.USER_BUILD_CONSORTIUM);
        List<String> before = eventTypes(projectId);

        ResponseEntity<Map<String, Object>> refused = complete(carrierUser, task, Map.of("consortiumComplete", true));

        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(refused.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat((String) refused.getBody().get("detail"))
                .contains("at least 2 companies must have joined (now 1)")
                .contains("at least 1 research lab must have joined (now 0)");
        assertThat(eventTypes(projectId)).isEqualTo(before);
        assertThat(processEngine.getTaskService().createTaskQuery().taskId((String) task.get("id")).count()).isEqualTo(1);
        assertThat(runtimeService().createProcessInstanceQuery().processInstanceBusinessKey(projectId)
                .processDefinitionKey(LabellingProcess.KEY).count()).isZero();
    }

    @Test
    void a_failure_after_a_command_in_the_same_step_rolls_its_event_back() {
        processEngine.getRepositoryService().createDeployment().enableDuplicateFiltering(true)
                .addClasspathResource("bpmn-test/failing-after-idea.bpmn").deploy();
        String orgId = newOrganisation("Probe SME", "SME", null);
        String projectId = "PRJ-PROBE-" + UUID.randomUUID().toString().substring(0, 8);
        long eventsBefore = storedEventCount();

        assertThatThrownBy(() -> runtimeService().startProcessInstanceByKey("failing-after-idea", projectId,
                Variables.createVariables()
                        .putValue(ProjectLifecycleProcess.Variables.TITLE, "A project whose next step fails")
                        .putValue(ProjectLifecycleProcess.Variables.SUMMARY, "Nothing must remain.")
                        .putValue(ProjectLifecycleProcess.Variables.THEMATIC_AXIS, "Energy")
                        .putValue(ProjectLifecycleProcess.Variables.CONFIDENTIALITY, "PUBLIC")
                        .putValue(ProjectLifecycleProcess.Variables.CARRIER_ORGANISATION_ID, orgId)
                        .putValue(ProjectLifecycleProcess.Variables.CARRIER_NAME, "Probe SME")
                        .putValue(ProjectLifecycleProcess.Variables.CARRIER_KIND, "SME")
                        .putValue(ProjectLifecycleProcess.Variables.PLANNED_BUDGET, "10.00")))
                .hasMessageContaining("service_fail_after_idea");

        assertThat(events(projectId)).isEmpty();
        assertThat(storedEventCount()).isEqualTo(eventsBefore);
        assertThat(runtimeService().createProcessInstanceQuery().processInstanceBusinessKey(projectId).count()).isZero();
    }

    @Test
    void a_command_rolled_back_by_its_transaction_leaves_no_event() {
        String id = NationalIdScheme.OTHER.organisationId("ROLLBACK" + UUID.randomUUID().toString().substring(0, 6));
        long eventsBefore = storedEventCount();

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            commandGateway.sendAndWait(new RegisterOrganisationCommand(id, "Rolled Back SAS", NationalIdScheme.OTHER,
                    id.substring("OTHER-".length()), OrganisationKind.SME, 10, "Bretagne", List.of()));
            throw new IllegalStateException("a later part of the step fails");
        })).hasMessage("a later part of the step fails");

        assertThat(events(id)).isEmpty();
        assertThat(storedEventCount()).isEqualTo(eventsBefore);
    }
}

package org.tremplin.platform.process;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link PoleStaffTaskGrants}: a task offered to pole staff gets no grant of its own, a task offered to another group
 * still does; pole staff still see and complete such a task through Camunda's authorization checks (their grant on
 * every task), others still do not; and the grants an earlier version wrote for pole staff on single tasks are removed
 * at start-up, and only those.
 */
class PoleStaffTaskGrantsTest extends ApiTestSupport {

    @Autowired
    private IdentityBootstrap identityBootstrap;

    private final String tag = UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void signOut() {
        processEngine.getIdentityService().clearAuthentication();
    }

    @Test
    void a_task_offered_to_pole_staff_has_no_grant_of_its_own_and_pole_staff_still_work_on_it() {
        String key = "staff_grants_" + tag;
        processEngine.getRepositoryService().createDeployment().addModelInstance(key + ".bpmn",
                Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1).startEvent().parallelGateway("fork")
                        .userTask("staff_step").camundaCandidateGroups(Roles.POLE_STAFF).endEvent()
                        .moveToNode("fork").userTask("reviewer_step").camundaCandidateGroups(Roles.REVIEWER).endEvent()
                        .done()).deploy();
        String instance = processEngine.getRuntimeService().startProcessInstanceByKey(key, "PRJ-GRANTS-" + tag).getId();
        TaskService tasks = processEngine.getTaskService();
        String staffTask = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("staff_step").singleResult().getId();
        String reviewerTask = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("reviewer_step").singleResult().getId();

        assertThat(grantsOn(staffTask)).isEmpty();
        assertThat(grantsOn(reviewerTask)).extracting(Authorization::getGroupId).containsExactly(Roles.REVIEWER);

        IdentityService identityService = processEngine.getIdentityService();
        identityService.setAuthentication("a-carrier-" + tag, List.of(Roles.CARRIER));
        assertThat(tasks.createTaskQuery().processInstanceId(instance).count()).isZero();
        assertThatThrownBy(() -> tasks.complete(staffTask)).isInstanceOf(AuthorizationException.class);
        identityService.setAuthentication("a-reviewer-" + tag, List.of(Roles.REVIEWER));
        assertThat(tasks.createTaskQuery().processInstanceId(instance).list()).extracting(task -> task.getId())
                .containsExactly(reviewerTask);
        identityService.setAuthentication("a-staff-" + tag, List.of(Roles.POLE_STAFF));
        assertThat(tasks.createTaskQuery().processInstanceId(instance).list()).extracting(task -> task.getId())
                .containsExactlyInAnyOrder(staffTask, reviewerTask);
        tasks.complete(staffTask);
        identityService.clearAuthentication();
        assertThat(tasks.createTaskQuery().taskId(staffTask).count()).isZero();
        assertThat(grantsOn(reviewerTask)).hasSize(1);
    }

    @Test
    void the_grants_of_pole_staff_on_single_tasks_an_earlier_version_wrote_are_removed_at_start_up_and_only_those() {
        AuthorizationService authorizations = processEngine.getAuthorizationService();
        String covered = grant(Roles.POLE_STAFF, "task-covered-" + tag, Permissions.READ, Permissions.UPDATE);
        String readOnly = grant(Roles.POLE_STAFF, "task-read-" + tag, Permissions.READ);
        String wider = grant(Roles.POLE_STAFF, "task-wider-" + tag, Permissions.READ, Permissions.UPDATE, Permissions.DELETE);
        String otherGroup = grant(Roles.REVIEWER, "task-covered-" + tag, Permissions.READ, Permissions.UPDATE);

        identityBootstrap.ensureGroupsAndAdmin();

        assertThat(authorizations.createAuthorizationQuery().authorizationId(covered).count()).isZero();
        assertThat(authorizations.createAuthorizationQuery().authorizationId(readOnly).count()).isZero();
        assertThat(authorizations.createAuthorizationQuery().authorizationId(wider).count()).isOne();
        assertThat(authorizations.createAuthorizationQuery().authorizationId(otherGroup).count()).isOne();
        Authorization everyTask = authorizations.createAuthorizationQuery().groupIdIn(Roles.POLE_STAFF)
                .resourceType(Resources.TASK).resourceId(Authorization.ANY).singleResult();
        assertThat(everyTask.isPermissionGranted(Permissions.READ)).isTrue();
        assertThat(everyTask.isPermissionGranted(Permissions.UPDATE)).isTrue();
        authorizations.deleteAuthorization(wider);
        authorizations.deleteAuthorization(otherGroup);
    }

    @Test
    void a_grant_on_every_task_of_an_earlier_version_is_widened_at_start_up() {
        AuthorizationService authorizations = processEngine.getAuthorizationService();
        Authorization everyTask = authorizations.createAuthorizationQuery().groupIdIn(Roles.POLE_STAFF)
                .resourceType(Resources.TASK).resourceId(Authorization.ANY).singleResult();
        everyTask.removePermission(Permissions.UPDATE);
        authorizations.saveAuthorization(everyTask);

        identityBootstrap.ensureGroupsAndAdmin();

        Authorization widened = authorizations.createAuthorizationQuery().authorizationId(everyTask.getId()).singleResult();
        assertThat(widened.isPermissionGranted(Permissions.READ)).isTrue();
        assertThat(widened.isPermissionGranted(Permissions.UPDATE)).isTrue();
        Authorization auditors = authorizations.createAuthorizationQuery().groupIdIn(Roles.AUDITOR)
                .resourceType(Resources.TASK).resourceId(Authorization.ANY).singleResult();
        assertThat(auditors.isPermissionGranted(Permissions.READ)).isTrue();
        assertThat(auditors.isPermissionGranted(Permissions.UPDATE)).isFalse();
    }

    private List<Authorization> grantsOn(String taskId) {
        return processEngine.getAuthorizationService().createAuthorizationQuery().resourceType(Resources.TASK)
                .resourceId(taskId).list();
    }

    private String grant(String group, String resourceId, Permissions... permissions) {
        AuthorizationService authorizations = processEngine.getAuthorizationService();
        Authorization authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        authorization.setGroupId(group);
        authorization.setResource(Resources.TASK);
        authorization.setResourceId(resourceId);
        for (Permissions permission : permissions) {
            authorization.addPermission(permission);
        }
        return authorizations.saveAuthorization(authorization).getId();
    }
}

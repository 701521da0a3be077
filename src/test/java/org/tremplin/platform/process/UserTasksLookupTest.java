package org.tremplin.platform.process;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.util.ReflectionTestUtils;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The task lookups read a page of tasks in one engine command with one native query; they must select, order and
 * describe exactly what the former lookups did (Camunda's task query, then one command per call and per task).
 */
class UserTasksLookupTest extends ApiTestSupport {

    @Autowired
    private UserTasks userTasks;

    @AfterEach
    void pageAtOnceAgain() {
        ReflectionTestUtils.setField(userTasks, "pageAtOnce", true);
    }

    @Test
    void a_project_filter_that_is_not_an_id_is_refused_with_a_problem() {
        String carrier = newUser("lookup-carrier", Roles.CARRIER);
        assertProblem(get(carrier, "/api/tasks?projectId=PRJ-1' OR 1=1 --"), 400, "projectId", "is not an id");
        assertProblem(get(carrier, "/api/tasks?projectId=" + "A".repeat(201)), 400, "projectId", "at most 200");
        assertThat(getList(carrier, "/api/tasks?projectId=PRJ-NOBODY").getBody()).isEmpty();
        assertThat(getList(carrier, "/api/tasks").getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void a_page_at_once_selects_orders_and_describes_the_tasks_as_task_by_task_did() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String reviewer = newUser("lookup-reviewer", Roles.REVIEWER);
        String other = newUser("lookup-other", Roles.CARRIER);
        String key = "lookup_" + suffix;
        BpmnModelInstance model = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
                .startEvent()
                .parallelGateway("fork")
                .userTask("group_open").name("Group, open").camundaCandidateGroups(Roles.REVIEWER).endEvent()
                .moveToNode("fork").userTask("group_taken").name("Group, taken").camundaCandidateGroups(Roles.REVIEWER)
                .camundaAssignee(other).endEvent()
                .moveToNode("fork").userTask("candidate_user").name("Candidate user").camundaCandidateUsers(reviewer).endEvent()
                .moveToNode("fork").userTask("assigned").name("Assigned").camundaAssignee(reviewer)
                .camundaFormField().camundaId("note").camundaLabel("Note").camundaType("string").camundaDefaultValue("n/a")
                .camundaFormFieldDone().endEvent()
                .moveToNode("fork").userTask("other_group").name("Other group").camundaCandidateGroups("lookup-elsewhere").endEvent()
                .moveToNode("fork").userTask("assigned_other_group").name("Assigned, other group")
                .camundaCandidateGroups("lookup-elsewhere").camundaAssignee(reviewer).endEvent()
                .done();
        processEngine.getRepositoryService().createDeployment().addModelInstance(key + ".bpmn", model).deploy();
        String projectA = "PRJ-LOOKUP-A-" + suffix;
        String projectB = "PRJ-LOOKUP-B-" + suffix;
        processEngine.getRuntimeService().startProcessInstanceByKey(key, projectA,
                Map.of("title", "Lookup A", "callId", "CALL-" + suffix));
        processEngine.getRuntimeService().startProcessInstanceByKey(key, projectB, Map.of("title", "Lookup B"));

        for (String project : List.of(projectA, projectB)) {
            List<UserTasks.TaskView> withGroups = both(reviewer, List.of(Roles.REVIEWER), project);
            assertThat(withGroups).extracting(UserTasks.TaskView::taskDefinitionKey)
                    .containsExactlyInAnyOrder("group_open", "candidate_user", "assigned", "assigned_other_group");
            assertThat(withGroups).allMatch(task -> project.equals(task.projectId()) && key.equals(task.processDefinitionKey()));
            // groups given by a session older than a membership: the task query adds the user's groups, and so must this
            assertThat(both(reviewer, List.of(), project)).isEqualTo(withGroups);
            assertThat(both(other, List.of(Roles.CARRIER), project)).extracting(UserTasks.TaskView::taskDefinitionKey)
                    .containsExactly("group_taken");
        }
        assertThat(both(reviewer, List.of(Roles.REVIEWER), projectA).stream()
                .filter(task -> task.taskDefinitionKey().equals("group_open")).findFirst().orElseThrow().subject())
                .isEqualTo(Map.of("title", "Lookup A", "callId", "CALL-" + suffix));
        UserTasks.TaskView assigned = both(reviewer, List.of(Roles.REVIEWER), projectB).stream()
                .filter(task -> task.taskDefinitionKey().equals("assigned")).findFirst().orElseThrow();
        assertThat(assigned.form()).extracting(UserTasks.FormFieldView::id, UserTasks.FormFieldView::defaultValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("note", "n/a"));
        List<UserTasks.TaskView> all = both(reviewer, List.of(Roles.REVIEWER), null);
        assertThat(all).extracting(UserTasks.TaskView::projectId).contains(projectA, projectB);
        UserTasks.TaskView one = all.get(0);
        ReflectionTestUtils.setField(userTasks, "pageAtOnce", false);
        UserTasks.TaskView before = userTasks.task(one.id(), reviewer, List.of(Roles.REVIEWER));
        ReflectionTestUtils.setField(userTasks, "pageAtOnce", true);
        assertThat(userTasks.task(one.id(), reviewer, List.of(Roles.REVIEWER))).isEqualTo(before).isEqualTo(one);
    }

    /** The lookup both ways; they must agree, in the same order. */
    private List<UserTasks.TaskView> both(String userId, List<String> groups, String projectId) {
        ReflectionTestUtils.setField(userTasks, "pageAtOnce", false);
        List<UserTasks.TaskView> before = userTasks.tasksOf(userId, groups, projectId);
        ReflectionTestUtils.setField(userTasks, "pageAtOnce", true);
        List<UserTasks.TaskView> now = userTasks.tasksOf(userId, groups, projectId);
        assertThat(now).as("tasks of %s %s in %s", userId, groups, projectId).isEqualTo(before);
        return now;
    }
}

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

    @Test
    void pages_and_steps_are_cut_from_the_same_list_by_the_database_both_ways() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String user = newUser("lookup-pager", Roles.REVIEWER);
        String group = "lookup-pages-" + suffix;
        String key = "lookup_pages_" + suffix;
        BpmnModelInstance model = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
                .startEvent().parallelGateway("fork")
                .userTask("step_a").name("Step A").camundaCandidateGroups(group).endEvent()
                .moveToNode("fork").userTask("step_b").name("Step B").camundaAssignee(user).endEvent()
                .moveToNode("fork").userTask("step_c").name("Step C").camundaCandidateGroups("lookup-elsewhere").endEvent()
                .done();
        processEngine.getRepositoryService().createDeployment().addModelInstance(key + ".bpmn", model).deploy();
        for (int i = 0; i < 4; i++) {
            processEngine.getRuntimeService().startProcessInstanceByKey(key, "PRJ-PAGES-" + i + "-" + suffix);
        }
        List<String> groups = new java.util.ArrayList<>(List.of(group)); // the task query adds the user's own to it
        for (boolean atOnce : List.of(false, true)) {
            ReflectionTestUtils.setField(userTasks, "pageAtOnce", atOnce);
            List<UserTasks.TaskView> all = userTasks.tasksOf(user, groups, null).stream()
                    .filter(task -> key.equals(task.processDefinitionKey())).toList();
            assertThat(all).as("page at once: %s", atOnce).hasSize(8)
                    .extracting(UserTasks.TaskView::taskDefinitionKey).containsOnly("step_a", "step_b");
            List<UserTasks.TaskView> mine = userTasks.tasksOf(user, groups, null);
            for (int size : List.of(1, 3, 8, 20)) {
                List<UserTasks.TaskView> paged = new java.util.ArrayList<>();
                for (int offset = 0; offset < mine.size(); offset += size) {
                    UserTasks.TaskPage page = userTasks.pageOf(user, groups, null, offset, size);
                    assertThat(page.total()).as("total, size %s offset %s", size, offset).isEqualTo(mine.size());
                    assertThat(page.tasks()).hasSize(Math.min(size, mine.size() - offset));
                    paged.addAll(page.tasks());
                }
                assertThat(paged).as("pages of %s, page at once: %s", size, atOnce).isEqualTo(mine);
            }
            UserTasks.TaskPage pastTheEnd = userTasks.pageOf(user, groups, null, mine.size() + 5, 3);
            assertThat(pastTheEnd.tasks()).isEmpty();
            assertThat(pastTheEnd.total()).isEqualTo(mine.size());
            String project = "PRJ-PAGES-2-" + suffix;
            UserTasks.TaskPage ofProject = userTasks.pageOf(user, groups, project, 1, 1);
            assertThat(ofProject.total()).isEqualTo(2);
            assertThat(ofProject.tasks()).containsExactly(userTasks.tasksOf(user, groups, project).get(1));
            assertThat(userTasks.tasksOfSteps(user, groups, java.util.Set.of("step_b", "step_c")))
                    .isEqualTo(mine.stream().filter(task -> task.taskDefinitionKey().equals("step_b")).toList())
                    .hasSize(4);
            assertThat(userTasks.tasksOfSteps(user, groups, java.util.Set.of())).isEmpty();
        }
    }

    @Test
    void the_api_gives_one_page_of_my_tasks_and_their_number_when_asked() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String reviewer = newUser("lookup-api-pager", Roles.REVIEWER);
        String key = "lookup_api_pages_" + suffix;
        BpmnModelInstance model = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
                .startEvent().userTask("mine").name("Mine").camundaAssignee(reviewer).endEvent().done();
        processEngine.getRepositoryService().createDeployment().addModelInstance(key + ".bpmn", model).deploy();
        for (int i = 0; i < 5; i++) {
            processEngine.getRuntimeService().startProcessInstanceByKey(key, "PRJ-API-PAGES-" + i + "-" + suffix);
        }
        List<Map<String, Object>> all = getList(reviewer, "/api/tasks").getBody().stream()
                .filter(task -> key.equals(task.get("processDefinitionKey"))).toList();
        assertThat(all).hasSize(5);
        int total = getList(reviewer, "/api/tasks").getBody().size();
        var second = getList(reviewer, "/api/tasks?page=2&size=2");
        assertThat(second.getHeaders().getFirst("X-Total-Count")).isEqualTo(String.valueOf(total));
        assertThat(second.getBody()).hasSize(Math.min(2, total - 2));
        assertThat(second.getBody()).extracting(task -> task.get("id"))
                .isEqualTo(getList(reviewer, "/api/tasks").getBody().subList(2, Math.min(4, total)).stream()
                        .map(task -> task.get("id")).toList());
        assertThat(getList(reviewer, "/api/tasks?page=1").getHeaders().getFirst("X-Total-Count")).isEqualTo(String.valueOf(total));
        assertThat(getList(reviewer, "/api/tasks?page=99&size=500").getBody()).isEmpty();
        assertProblem(get(reviewer, "/api/tasks?page=0"), 400, "page", "between 1 and");
        assertProblem(get(reviewer, "/api/tasks?size=501"), 400, "size", "between 1 and 500");
        assertProblem(get(reviewer, "/api/tasks?page=two"), 400, "page", "whole number");
        assertProblem(get(reviewer, "/api/tasks?page=99999999999"), 400, "page", "between 1 and");
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

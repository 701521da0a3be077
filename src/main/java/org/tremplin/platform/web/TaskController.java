package org.tremplin.platform.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tremplin.platform.process.UserTasks;
import org.tremplin.shared.InputRules;

import java.util.List;
import java.util.Map;

/**
 * The caller's tasks and their completion: by the task's id, or by the project and the step (the BPMN task id, e.g.
 * {@code user_review_file}) for a client that knows them, in one request instead of a task list and a completion.
 */
@RestController
@Tag(name = "Tasks", description = "The current user's tasks, completed with their form data")
class TaskController {

    private final UserTasks userTasks;
    private final ReadModels readModels;

    TaskController(UserTasks userTasks, ReadModels readModels) {
        this.userTasks = userTasks;
        this.readModels = readModels;
    }

    @GetMapping("/api/tasks")
    @Operation(summary = "Tasks assigned or offered to me or my groups, optionally of one project")
    List<UserTasks.TaskView> myTasks(@RequestParam(required = false) String projectId, Authentication user) {
        if (projectId != null && !projectId.isEmpty()) {
            InputRules.checkedId(projectId, "projectId");
        }
        return userTasks.tasksOf(user.getName(), CurrentUser.groups(user), projectId);
    }

    @GetMapping("/api/tasks/{taskId}")
    @Operation(summary = "One of my tasks, with its form")
    UserTasks.TaskView task(@PathVariable String taskId, Authentication user) {
        return userTasks.task(taskId, user.getName(), CurrentUser.groups(user));
    }

    @PostMapping("/api/tasks/{taskId}/complete")
    @Operation(summary = "Complete a task with its form values (field id to value; dates as 2027-03-31)")
    ResponseEntity<Void> complete(@PathVariable String taskId, @RequestBody(required = false) Map<String, Object> values,
                                  Authentication user) {
        userTasks.complete(taskId, user.getName(), CurrentUser.groups(user), values);
        readModels.catchUp();
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/projects/{id}/tasks/{taskDefinitionKey}/complete")
    @Operation(summary = "Complete my open task of this step of the project (e.g. user_review_file) with its form values;"
            + " 404 when none is mine, 409 when it was completed already or when several are (then complete one by its id)")
    ResponseEntity<Void> completeStep(@PathVariable String id, @PathVariable String taskDefinitionKey,
                                      @RequestBody(required = false) Map<String, Object> values, Authentication user) {
        InputRules.checkedId(id, "projectId");
        InputRules.checkedId(taskDefinitionKey, "taskDefinitionKey");
        String taskId = userTasks.completeStep(id, taskDefinitionKey, user.getName(), CurrentUser.groups(user), values);
        readModels.catchUp();
        return ResponseEntity.noContent().header("X-Task-Id", taskId).build();
    }
}

package org.tremplin.platform.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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
    @Operation(summary = "Tasks assigned or offered to me or my groups, oldest first, optionally of one project; with page "
            + "and size, one page of them and their number in all in the X-Total-Count header")
    ResponseEntity<List<UserTasks.TaskView>> myTasks(
            @RequestParam(required = false) String projectId,
            @Parameter(description = "1-based page; all my tasks at once without it")
            @RequestParam(required = false) String page,
            @Parameter(description = "tasks per page, " + DEFAULT_PAGE_SIZE + " by default, at most " + MAX_PAGE_SIZE)
            @RequestParam(required = false) String size,
            Authentication user) {
        if (projectId != null && !projectId.isEmpty()) {
            InputRules.checkedId(projectId, "projectId");
        }
        if (page == null && size == null) {
            return ResponseEntity.ok(userTasks.tasksOf(user.getName(), CurrentUser.groups(user), projectId));
        }
        int pageNumber = InputRules.checkedNumber("page", page, 1, 1, Integer.MAX_VALUE / MAX_PAGE_SIZE);
        int pageSize = InputRules.checkedNumber("size", size, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        UserTasks.TaskPage found = userTasks.pageOf(user.getName(), CurrentUser.groups(user), projectId,
                (pageNumber - 1) * pageSize, pageSize);
        return ResponseEntity.ok().header("X-Total-Count", String.valueOf(found.total())).body(found.tasks());
    }

    /** Tasks per page of the API's list when a page is asked without a size. */
    static final int DEFAULT_PAGE_SIZE = 50;
    /** The most tasks one page of the API's list holds. */
    static final int MAX_PAGE_SIZE = 500;

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

package org.tremplin.platform.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tremplin.platform.process.UserTasks;
import org.tremplin.shared.InputRules;

import java.util.List;
import java.util.Map;

@RestController
@RequestMapping("/api/tasks")
@Tag(name = "Tasks", description = "The current user's tasks, completed with their form data")
class TaskController {

    private final UserTasks userTasks;
    private final ReadModels readModels;

    TaskController(UserTasks userTasks, ReadModels readModels) {
        this.userTasks = userTasks;
        this.readModels = readModels;
    }

    @GetMapping
    @Operation(summary = "Tasks assigned or offered to me or my groups, optionally of one project")
    List<UserTasks.TaskView> myTasks(@RequestParam(required = false) String projectId, Authentication user) {
        if (projectId != null && !projectId.isEmpty()) {
            InputRules.checkedId(projectId, "projectId");
        }
        return userTasks.tasksOf(user.getName(), CurrentUser.groups(user), projectId);
    }

    @GetMapping("/{taskId}")
    @Operation(summary = "One of my tasks, with its form")
    UserTasks.TaskView task(@PathVariable String taskId, Authentication user) {
        return userTasks.task(taskId, user.getName(), CurrentUser.groups(user));
    }

    @PostMapping("/{taskId}/complete")
    @Operation(summary = "Complete a task with its form values (field id to value; dates as 2027-03-31)")
    ResponseEntity<Void> complete(@PathVariable String taskId, @RequestBody(required = false) Map<String, Object> values,
                                  Authentication user) {
        userTasks.complete(taskId, user.getName(), CurrentUser.groups(user), values);
        readModels.catchUp();
        return ResponseEntity.noContent().build();
    }
}

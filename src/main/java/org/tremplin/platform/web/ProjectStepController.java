package org.tremplin.platform.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.tremplin.platform.process.UserTasks;
import org.tremplin.shared.InputRules;

import java.util.Map;

/**
 * A project's step completed by the caller without looking its task up first: the project and the step's id (the BPMN
 * task id, e.g. {@code user_review_file}) name the caller's one open task. The same completion as
 * {@code POST /api/tasks/{taskId}/complete}, one request instead of a task list and a completion.
 */
@RestController
@Tag(name = "Tasks", description = "The current user's tasks, completed with their form data")
class ProjectStepController {

    private final UserTasks userTasks;
    private final ReadModels readModels;

    ProjectStepController(UserTasks userTasks, ReadModels readModels) {
        this.userTasks = userTasks;
        this.readModels = readModels;
    }

    @PostMapping("/api/projects/{id}/tasks/{taskDefinitionKey}/complete")
    @Operation(summary = "Complete my open task of this step of the project (e.g. user_review_file) with its form values;"
            + " 404 when none is mine, 409 when it was completed already or when several are (then complete one by its id)")
    ResponseEntity<Void> complete(@PathVariable String id, @PathVariable String taskDefinitionKey,
                                  @RequestBody(required = false) Map<String, Object> values, Authentication user) {
        InputRules.checkedId(id, "projectId");
        InputRules.checkedId(taskDefinitionKey, "taskDefinitionKey");
        String taskId = userTasks.completeStep(id, taskDefinitionKey, user.getName(), CurrentUser.groups(user), values);
        readModels.catchUp();
        return ResponseEntity.noContent().header("X-Task-Id", taskId).build();
    }
}

package org.tremplin.platform.web.console;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tremplin.platform.process.UserTasks;
import org.tremplin.platform.web.CurrentUser;
import org.tremplin.platform.web.ReadModels;
import org.tremplin.shared.DomainException;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The caller's tasks as pages: the list, and each task's form. A task completes through {@link UserTasks}, exactly as
 * {@code POST /api/tasks/{id}/complete} does; a refusal re-renders the form with the problem next to its field and
 * the values as typed.
 */
@ConsolePage
public class TaskPages {

    private final UserTasks userTasks;
    private final ReadModels readModels;
    private final Map<String, TaskForm> forms;
    private final GenericTaskForm generic = new GenericTaskForm();

    TaskPages(UserTasks userTasks, ReadModels readModels, List<TaskForm> forms) {
        this.userTasks = userTasks;
        this.readModels = readModels;
        this.forms = new HashMap<>();
        for (TaskForm form : forms) {
            for (String key : form.taskKeys()) {
                if (this.forms.put(key, form) != null) {
                    throw new IllegalStateException("Two console forms for the task " + key);
                }
            }
        }
    }

    @GetMapping("/tasks")
    String list(@RequestParam(required = false) String projectId,
                @RequestParam(name = "page", defaultValue = "1") String pageParam, Authentication user, Model model) {
        String project = projectId == null || projectId.isBlank() ? null : projectId;
        ConsolePaging.Page<UserTasks.TaskPage> read = ConsolePaging.page(pageParam, PAGE_SIZE,
                page -> page(user, project, page, PAGE_SIZE), UserTasks.TaskPage::total);
        UserTasks.TaskPage found = read.found();
        model.addAttribute("tasks", found.tasks());
        model.addAttribute("total", found.total());
        model.addAttribute("page", read.page());
        model.addAttribute("pages", read.pages());
        model.addAttribute("projectId", project);
        return "tasks/list";
    }

    /**
     * The caller's oldest open tasks as a panel for a home page ({@code hx-get="/tasks/panel"}), optionally of one
     * project: the first {@value #PANEL_SIZE}, with a link to the whole list when there are more.
     */
    @GetMapping("/tasks/panel")
    String panel(@RequestParam(required = false) String projectId, Authentication user, Model model) {
        projectId = projectId == null || projectId.isBlank() ? null : projectId;
        UserTasks.TaskPage found = page(user, projectId, 1, PANEL_SIZE);
        model.addAttribute("tasks", found.tasks());
        model.addAttribute("total", found.total());
        model.addAttribute("projectId", projectId);
        return "tasks/list :: panel";
    }

    private UserTasks.TaskPage page(Authentication user, String projectId, int page, int size) {
        return userTasks.pageOf(user.getName(), CurrentUser.groups(user), projectId, (page - 1) * size, size);
    }

    /** Tasks per page of the list, oldest first. */
    static final int PAGE_SIZE = 50;
    /** Tasks in a home page's panel. */
    static final int PANEL_SIZE = 20;

    /** Tasklist's link to a task's external form ({@code camunda:formKey="/console/task"}): the task's page. */
    @GetMapping("/console/task")
    String fromTasklist(@RequestParam String taskId) {
        return "redirect:/tasks/" + java.net.URLEncoder.encode(taskId, java.nio.charset.StandardCharsets.UTF_8);
    }

    @GetMapping("/tasks/{taskId}")
    String task(@PathVariable String taskId, Authentication user, Model model) {
        UserTasks.TaskView task = userTasks.task(taskId, user.getName(), CurrentUser.groups(user));
        return render(task, Map.of(), Map.of(), user, model);
    }

    @PostMapping("/tasks/{taskId}")
    String complete(@PathVariable String taskId, @RequestParam MultiValueMap<String, String> submitted, Authentication user,
                    Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        UserTasks.TaskView task = userTasks.task(taskId, user.getName(), CurrentUser.groups(user));
        TaskForm form = forms.getOrDefault(task.taskDefinitionKey(), generic);
        // the values as typed, for showing them again after a refusal: a ticked box (hidden false, then true) stays
        // ticked, and several ticks of one name are kept comma-separated
        Map<String, String> typed = new java.util.LinkedHashMap<>();
        submitted.forEach((name, values) -> typed.put(name, values.contains("true") ? "true" : String.join(",", values)));
        try {
            Map<String, Object> values = form.values(task, submitted, locale);
            userTasks.complete(taskId, user.getName(), CurrentUser.groups(user), values);
        } catch (FieldRefusal refusal) {
            response.setStatus(400);
            return render(task, typed, FieldErrors.byField(FieldErrors.problem(400, refusal.getMessage(), refusal.field())),
                    user, model);
        } catch (DomainException refusal) {
            if (refusal.kind() == DomainException.Kind.NOT_FOUND || refusal.kind() == DomainException.Kind.FORBIDDEN) {
                throw refusal;
            }
            int status = switch (refusal.kind()) {
                case INVALID_INPUT -> 400;
                case CONFLICT -> 409;
                default -> 422;
            };
            response.setStatus(status);
            String field = form.fieldOf(refusal.getMessage(), task, model);
            return render(task, typed, FieldErrors.byField(FieldErrors.problem(status, refusal.getMessage(), field)),
                    user, model);
        }
        readModels.catchUp();
        redirect.addFlashAttribute("done", task.name());
        if (task.projectId() == null) {
            return "redirect:/tasks";
        }
        return "redirect:" + (ROUND_PROCESS.equals(task.processDefinitionKey()) ? subjectPage(task)
                : "/tasks?projectId=" + task.projectId());
    }

    /** The page of what the task is about: its round (a round's process is keyed by the round id) or its project. */
    static String subjectPage(UserTasks.TaskView task) {
        if (task.projectId() == null) {
            return null;
        }
        return (ROUND_PROCESS.equals(task.processDefinitionKey()) ? "/rounds/" : "/projects/") + task.projectId();
    }

    private static final String ROUND_PROCESS = "investment-round";

    private String render(UserTasks.TaskView task, Map<String, String> typed, Map<String, FieldErrors.Problem> problems,
                          Authentication user, Model model) {
        TaskForm form = forms.getOrDefault(task.taskDefinitionKey(), generic);
        model.addAttribute("task", task);
        model.addAttribute("subjectPage", subjectPage(task));
        model.addAttribute("form", typed);
        model.addAttribute("problems", problems);
        model.addAttribute("fields", task.form().stream()
                .collect(Collectors.toMap(UserTasks.FormFieldView::id, Function.identity(), (a, b) -> a,
                        java.util.LinkedHashMap::new)));
        String[] fragment = form.fragment().split("::", 2);
        model.addAttribute("formTemplate", fragment[0].strip());
        model.addAttribute("formSelector", fragment.length > 1 ? fragment[1].strip() : "form");
        form.prepare(task, user, model);
        return "tasks/task";
    }
}

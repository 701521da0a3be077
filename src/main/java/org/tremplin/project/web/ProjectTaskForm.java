package org.tremplin.project.web;

import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.tremplin.platform.process.UserTasks;
import org.tremplin.platform.web.console.GenericTaskForm;
import org.tremplin.platform.web.console.TaskForm;

import java.util.Locale;
import java.util.Map;

/**
 * A project task's page: the project as the caller may read it (model attributes {@code project} and {@code budget})
 * above or beside the task's fields. Values are the task's own form fields unless a form builds them.
 */
abstract class ProjectTaskForm implements TaskForm {

    protected final ProjectConsole console;

    ProjectTaskForm(ProjectConsole console) {
        this.console = console;
    }

    @Override
    public void prepare(UserTasks.TaskView task, Authentication user, Model model) {
        ProjectResponse project = console.projectIfVisible(task.projectId(), user).orElse(null);
        model.addAttribute("project", project);
        model.addAttribute("budget", project == null ? null : ProjectConsole.consortiumBudget(project.partners()));
    }

    @Override
    public Map<String, Object> values(UserTasks.TaskView task, MultiValueMap<String, String> form, Locale locale) {
        return fieldValues(task, form, locale);
    }

    /** The task's own form fields read by their types (a ticked checkbox counts), as every generic form reads them. */
    static Map<String, Object> fieldValues(UserTasks.TaskView task, MultiValueMap<String, String> form, Locale locale) {
        return GenericTaskForm.valuesOf(task, form, locale);
    }

    static Object value(UserTasks.FormFieldView field, MultiValueMap<String, String> form, Locale locale) {
        return GenericTaskForm.value(field, GenericTaskForm.submitted(field, form), locale);
    }
}

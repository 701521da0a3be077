package org.tremplin.platform.web.console;

import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.tremplin.platform.process.UserTasks;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A task's page made for the people who do it: what they need to decide (read from the read models, as the caller
 * may read them) beside typed fields — a row per partner, selects of the real partners and calls, money in euros.
 * The submitted page is turned into the task's form values, and the task completes through {@link UserTasks}, the
 * same path as the API and Tasklist: the rules stay in the process steps and aggregates. Tasks without their own
 * form get the generic page, built from the task's form fields.
 */
public interface TaskForm {

    /** The task definition keys (BPMN ids such as {@code user_record_funding_decision}) this form renders. */
    Set<String> taskKeys();

    /** The template fragment of the form's fields, e.g. {@code "funding/tasks :: decision"}. */
    String fragment();

    /** Adds what the form shows to the model (the task is there as {@code task}; the submitted values as {@code form}). */
    void prepare(UserTasks.TaskView task, Authentication user, Model model);

    /**
     * The task's form values from the submitted page, field id to value as the API's complete takes them.
     *
     * @throws FieldRefusal when a field cannot be read (e.g. an amount that is not one); the page shows it by the field
     */
    Map<String, Object> values(UserTasks.TaskView task, MultiValueMap<String, String> form, Locale locale);

    /**
     * The input field a refusal concerns, for showing it next to that field; by default the first form field or
     * partner row the message names. {@code null} shows it at the top of the form.
     */
    default String fieldOf(String message, UserTasks.TaskView task, Model model) {
        return FieldErrors.fieldNamedIn(message, task);
    }
}

package org.tremplin.platform.web.console;

import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.tremplin.platform.process.UserTasks;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The page of a task without a form of its own, built from the task's form fields: a checkbox for a yes/no, a date
 * picker, a select for a choice, a number, an amount in euros for a field marked {@code input=money} in the model,
 * text otherwise.
 */
public class GenericTaskForm implements TaskForm {

    @Override
    public Set<String> taskKeys() {
        return Set.of();
    }

    @Override
    public String fragment() {
        return "tasks/task :: generic";
    }

    @Override
    public void prepare(UserTasks.TaskView task, Authentication user, Model model) {
        // the fields are all the generic form shows
    }

    @Override
    public Map<String, Object> values(UserTasks.TaskView task, MultiValueMap<String, String> form, Locale locale) {
        return valuesOf(task, form, locale);
    }

    /** The values of the task's own form fields, read by their types; other inputs of the page are ignored. */
    public static Map<String, Object> valuesOf(UserTasks.TaskView task, MultiValueMap<String, String> form, Locale locale) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (UserTasks.FormFieldView field : task.form()) {
            String text = submitted(field, form);
            Object value = value(field, text, locale);
            if (value != null) {
                values.put(field.id(), value);
            }
        }
        return values;
    }

    /**
     * The text submitted for a field. A checkbox posts a hidden {@code false} before its {@code true} (so that an
     * unticked box is sent too): ticked wins.
     */
    public static String submitted(UserTasks.FormFieldView field, MultiValueMap<String, String> form) {
        java.util.List<String> values = form.get(field.id());
        if (values == null || values.isEmpty()) {
            return null;
        }
        if ("boolean".equals(field.type())) {
            return values.stream().anyMatch(v -> "true".equals(v) || "on".equals(v)) ? "true" : "false";
        }
        return values.get(0);
    }

    /** One field's value as the API takes it, or {@code null} when left empty. */
    public static Object value(UserTasks.FormFieldView field, String text, Locale locale) {
        if ("boolean".equals(field.type())) {
            return text != null && ("true".equals(text) || "on".equals(text));
        }
        if (text == null || text.isBlank()) {
            return null;
        }
        switch (field.type()) {
            case "long":
                try {
                    return Long.parseLong(text.strip());
                } catch (NumberFormatException e) {
                    throw new FieldRefusal(field.id(), french(locale) ? field.label() + " : un nombre entier est attendu"
                            : field.label() + ": a whole number is expected");
                }
            case "string":
                if ("money".equals(field.properties().get("input"))) {
                    try {
                        return ConsoleFormats.parseMoney(text, locale).map(java.math.BigDecimal::toPlainString).orElse(null);
                    } catch (IllegalArgumentException e) {
                        throw new FieldRefusal(field.id(), e.getMessage());
                    }
                }
                return text;
            default:
                return text.strip();
        }
    }

    private static boolean french(Locale locale) {
        return locale != null && "fr".equals(locale.getLanguage());
    }
}

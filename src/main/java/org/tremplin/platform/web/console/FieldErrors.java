package org.tremplin.platform.web.console;

import org.tremplin.platform.process.UserTasks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A refused submission as the page shows it: the refusal's problem (status, title, detail: what the API would answer
 * as problem+json) next to the field it concerns, or at the top of the form.
 */
public final class FieldErrors {

    /** The problem of a refusal, as the page renders it. */
    public record Problem(int status, String title, String detail, String field) {
    }

    private FieldErrors() {
    }

    /** The first form field the message names by id (as the process steps write them), else {@code null}. */
    public static String fieldNamedIn(String message, UserTasks.TaskView task) {
        if (message == null || task == null) {
            return null;
        }
        for (UserTasks.FormFieldView field : task.form()) {
            if (Pattern.compile("\\b" + Pattern.quote(field.id()) + "\\b").matcher(message).find()) {
                return field.id();
            }
        }
        return null;
    }

    /** The problem for a refusal's status and message, titled as the API titles it. */
    public static Problem problem(int status, String detail, String field) {
        String title = switch (status) {
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 422 -> "Unprocessable Entity";
            default -> "Error";
        };
        return new Problem(status, title, detail, field);
    }

    /** Problems keyed by field ({@code ""} for the form as a whole). */
    public static Map<String, Problem> byField(Problem... problems) {
        Map<String, Problem> map = new LinkedHashMap<>();
        for (Problem problem : problems) {
            map.putIfAbsent(problem.field() == null ? "" : problem.field(), problem);
        }
        return map;
    }
}

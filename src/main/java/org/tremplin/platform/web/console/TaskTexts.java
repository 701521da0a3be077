package org.tremplin.platform.web.console;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.tremplin.platform.process.UserTasks;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A task's name and explanation in the reader's language ({@code i18n/tasks*.properties}, keyed by the BPMN task id,
 * with the task's subject in {@code ${…}} as in the model); the model's English text when a language has none.
 * Templates use it as {@code ${@taskTexts.name(task)}}.
 */
@Component("taskTexts")
public class TaskTexts {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z]+)}");

    private final MessageSource messages;

    public TaskTexts(MessageSource messages) {
        this.messages = messages;
    }

    public String name(UserTasks.TaskView task) {
        return text("task." + task.taskDefinitionKey() + ".name", task.name(), task.subject());
    }

    public String description(UserTasks.TaskView task) {
        return text("task." + task.taskDefinitionKey() + ".description", task.description(), task.subject());
    }

    private String text(String key, String fallback, Map<String, Object> subject) {
        String template = messages.getMessage(key, null, null, LocaleContextHolder.getLocale());
        if (template == null) {
            return fallback;
        }
        Matcher variables = VARIABLE.matcher(template);
        StringBuilder text = new StringBuilder();
        while (variables.find()) {
            Object value = subject == null ? null : subject.get(variables.group(1));
            if (value == null) {
                return fallback;
            }
            variables.appendReplacement(text, Matcher.quoteReplacement(String.valueOf(value)));
        }
        variables.appendTail(text);
        return text.toString();
    }
}

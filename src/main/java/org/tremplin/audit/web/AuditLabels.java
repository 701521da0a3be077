package org.tremplin.audit.web;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Readable names for the audit pages, in the reader's language: an event type ({@code LabelGrantedEvent} reads
 * "Label granted"), a duration in seconds ("2 h 05 min"). Templates use it as {@code ${@auditLabels.type(t)}}.
 */
@Component("auditLabels")
public class AuditLabels {

    private final MessageSource messages;

    AuditLabels(MessageSource messages) {
        this.messages = messages;
    }

    /** The event type's name from the bundle ({@code audit.event.<Type>}), else its words: "Label granted". */
    public String type(String type) {
        if (type == null) {
            return "";
        }
        return messages.getMessage("audit.event." + type, null, words(type), LocaleContextHolder.getLocale());
    }

    /** "LabelGrantedEvent" as "Label granted". */
    static String words(String type) {
        String name = type.endsWith("Event") && type.length() > 5 ? type.substring(0, type.length() - 5) : type;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (i > 0 && Character.isUpperCase(c) && !Character.isUpperCase(name.charAt(i - 1))) {
                out.append(' ').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A duration in seconds as "3 d 4 h", "2 h 05 min", "4 min 09 s" or "12 s". */
    public String duration(Object seconds) {
        if (!(seconds instanceof Number number)) {
            return "";
        }
        Duration duration = Duration.ofSeconds(number.longValue());
        if (duration.toDays() > 0) {
            return duration.toDays() + " d " + duration.toHoursPart() + " h";
        }
        if (duration.toHours() > 0) {
            return duration.toHours() + " h " + "%02d".formatted(duration.toMinutesPart()) + " min";
        }
        if (duration.toMinutes() > 0) {
            return duration.toMinutes() + " min " + "%02d".formatted(duration.toSecondsPart()) + " s";
        }
        return duration.toSeconds() + " s";
    }
}

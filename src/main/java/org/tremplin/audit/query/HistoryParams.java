package org.tremplin.audit.query;

import org.tremplin.shared.DomainException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and checks the query parameters of the audit reads; a bad value is refused with 400 saying why. */
public final class HistoryParams {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;
    public static final int MAX_TYPES = 50;

    /** Event type names: a simple class name or a fully qualified one. */
    private static final Pattern TYPE = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
    /** User ids as Camunda's identity service accepts them (see application.yml). */
    private static final Pattern USER = Pattern.compile("[a-zA-Z0-9._@-]+");

    private HistoryParams() {
    }

    public static TimelineFilter filter(String from, String to, List<String> types, String actor) {
        return filter(from, to, types, actor, null);
    }

    public static TimelineFilter filter(String from, String to, List<String> types, String actor, String funder) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && start.isAfter(end)) {
            throw DomainException.invalid("Parameter 'from' (" + start + ") must not be after 'to' (" + end + ")");
        }
        Set<String> kept = new LinkedHashSet<>();
        if (types != null) {
            for (String type : types) {
                if (type == null || type.isBlank()) {
                    throw DomainException.invalid("Parameter 'type' must not be empty: give an event type such as LabelGrantedEvent");
                }
                String name = type.strip();
                if (name.length() > 200 || !TYPE.matcher(name).matches()) {
                    throw DomainException.invalid("Parameter 'type' has an invalid value '" + abbreviate(name)
                            + "': expected an event type name such as LabelGrantedEvent");
                }
                kept.add(name);
            }
        }
        if (kept.size() > MAX_TYPES) {
            throw DomainException.invalid("Parameter 'type' is given " + kept.size() + " times: at most " + MAX_TYPES);
        }
        String funderId = funder == null || funder.isBlank() ? null : funder.strip();
        if (funderId != null && (funderId.length() > 80 || !USER.matcher(funderId).matches())) {
            throw DomainException.invalid("Parameter 'funder' has an invalid value: expected a funder id such as FUNDER-FUI");
        }
        return new TimelineFilter(start, end, kept, user("actor", actor), funderId);
    }

    /** An ISO-8601 instant (2027-03-31T23:59:59Z) or date-time with offset (2027-04-01T01:59:59+02:00); null if absent. */
    public static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        String text = value.strip();
        if (text.isEmpty()) {
            throw DomainException.invalid("Parameter '" + name + "' must not be empty: give an instant like 2027-03-31T23:59:59Z");
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw DomainException.invalid("Parameter '" + name + "' has an invalid value '" + abbreviate(text)
                        + "': expected an instant like 2027-03-31T23:59:59Z");
            }
        }
    }

    /** A user id, or null if absent. */
    public static String user(String name, String value) {
        if (value == null) {
            return null;
        }
        String text = value.strip();
        if (text.isEmpty() || text.length() > 64 || !USER.matcher(text).matches()) {
            throw DomainException.invalid("Parameter '" + name + "' has an invalid value '" + abbreviate(text)
                    + "': expected a user id (letters, digits, . _ @ -, at most 64 characters)");
        }
        return text;
    }

    /** The 0-based page number, 0 if absent. */
    public static int page(String value) {
        int page = number("page", value, 0);
        if (page < 0) {
            throw DomainException.invalid("Parameter 'page' must be 0 or more (got " + page + ")");
        }
        return page;
    }

    /** The page size, {@value #DEFAULT_SIZE} if absent, at most {@value #MAX_SIZE}. */
    public static int size(String value) {
        int size = number("size", value, DEFAULT_SIZE);
        if (size < 1 || size > MAX_SIZE) {
            throw DomainException.invalid("Parameter 'size' must be between 1 and " + MAX_SIZE + " (got " + size + ")");
        }
        return size;
    }

    private static int number(String name, String value, int absent) {
        if (value == null) {
            return absent;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw DomainException.invalid("Parameter '" + name + "' has an invalid value '" + abbreviate(value)
                    + "': expected a whole number");
        }
    }

    private static String abbreviate(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "…" : value;
    }
}

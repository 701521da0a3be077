package org.tremplin.audit.web;

import org.springframework.web.util.UriComponentsBuilder;
import org.tremplin.platform.web.console.ConsoleFormats;
import org.tremplin.platform.web.console.FieldErrors;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The timeline page's filters as a person types them (days in Paris time from the date pickers, or a Paris time to
 * the second in a link) and as the history API takes them (instants, {@code to} exclusive). "As of" a day is the
 * timeline up to the end of that day: the API's {@code to}, the earlier of the two when both are given.
 */
final class TimelineQuery {

    final String from;
    final String to;
    final String asOf;
    final List<String> types;
    final String funder;
    final String page;
    final Map<String, FieldErrors.Problem> problems = new LinkedHashMap<>();

    private Instant fromInstant;
    private Instant toInstant;
    private Instant asOfInstant;

    TimelineQuery(String from, String to, String asOf, List<String> types, String funder, String page) {
        this.from = blank(from);
        this.to = blank(to);
        this.asOf = blank(asOf);
        this.types = types == null ? List.of() : types.stream().filter(t -> t != null && !t.isBlank()).map(String::strip)
                .distinct().toList();
        this.funder = blank(funder);
        this.page = blank(page);
        fromInstant = start("from", this.from, false);
        toInstant = start("to", this.to, true);
        asOfInstant = start("asOf", this.asOf, true);
    }

    boolean valid() {
        return problems.isEmpty();
    }

    /** The API's 'from' (inclusive), or null. */
    String apiFrom() {
        return fromInstant == null ? null : fromInstant.toString();
    }

    /** The API's 'to' (exclusive): the end of the 'to' day or of the 'as of' day, the earlier; or null. */
    String apiTo() {
        Instant end = toInstant;
        if (asOfInstant != null && (end == null || asOfInstant.isBefore(end))) {
            end = asOfInstant;
        }
        return end == null ? null : end.toString();
    }

    /** The end of the 'as of' day (exclusive), or null. */
    Instant asOfEnd() {
        return asOfInstant;
    }

    /** The console URL of this query at another path and page, keeping every filter (and extra parameters). */
    String link(String path, Integer otherPage, String... extra) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
        for (int i = 0; i + 1 < extra.length; i += 2) {
            uri.queryParam(extra[i], extra[i + 1]);
        }
        if (from != null) {
            uri.queryParam("from", from);
        }
        if (to != null) {
            uri.queryParam("to", to);
        }
        if (asOf != null) {
            uri.queryParam("asOf", asOf);
        }
        for (String type : types) {
            uri.queryParam("type", type);
        }
        if (funder != null) {
            uri.queryParam("funder", funder);
        }
        if (otherPage != null && otherPage > 0) {
            uri.queryParam("page", otherPage);
        }
        return uri.encode().build().toUriString();
    }

    /** The form's values as typed, for the inputs. */
    Map<String, Object> form() {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("from", from == null ? "" : from);
        form.put("to", to == null ? "" : to);
        form.put("asOf", asOf == null ? "" : asOf);
        form.put("type", types.isEmpty() ? "" : types.get(0));
        form.put("types", new ArrayList<>(types));
        form.put("funder", funder == null ? "" : funder);
        return form;
    }

    /**
     * A day ({@code 2027-03-31}) or a Paris time ({@code 2027-03-31T14:05} or {@code 2027-03-31T14:05:09}) read as
     * its start, or, when {@code end}, as the start of the next day (minute, second): so the day typed is included.
     */
    private Instant start(String field, String value, boolean end) {
        if (value == null) {
            return null;
        }
        try {
            if (value.length() <= 10) {
                LocalDate day = LocalDate.parse(value);
                return (end ? day.plusDays(1) : day).atStartOfDay(ConsoleFormats.PARIS).toInstant();
            }
            LocalDateTime time = LocalDateTime.parse(value);
            ChronoUnit unit = value.length() <= 16 ? ChronoUnit.MINUTES : ChronoUnit.SECONDS;
            LocalDateTime truncated = time.truncatedTo(unit);
            return (end ? truncated.plus(1, unit) : truncated).atZone(ConsoleFormats.PARIS).toInstant();
        } catch (DateTimeParseException e) {
            problems.put(field, FieldErrors.problem(400, "'" + (value.length() > 40 ? value.substring(0, 40) + "…" : value)
                    + "' is not a date (e.g. 2027-03-31)", field));
            return null;
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

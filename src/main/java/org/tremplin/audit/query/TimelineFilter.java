package org.tremplin.audit.query;

import java.time.Instant;
import java.util.Set;

/**
 * Which entries of a timeline to keep: from (inclusive) and to (exclusive) instants, event types (simple or
 * fully qualified names; none means all), actor and funder (the funder id an event concerns); each part is optional. Build it with {@link HistoryParams}.
 */
public record TimelineFilter(Instant from, Instant to, Set<String> types, String actor, String funder) {

    public static final TimelineFilter ALL = new TimelineFilter(null, null, Set.of(), null, null);

    public TimelineFilter {
        types = types == null ? Set.of() : Set.copyOf(types);
    }

    public boolean keeps(TimelineEntry entry) {
        return (from == null || !entry.time().isBefore(from))
                && (to == null || entry.time().isBefore(to))
                && (types.isEmpty() || types.contains(entry.type()) || types.contains(entry.qualifiedType()))
                && (actor == null || actor.equals(entry.actor()))
                && (funder == null || funder.equals(entry.funder()));
    }

    /** The filter as a query string, in a fixed order, for the access log. */
    public String describe() {
        StringBuilder query = new StringBuilder();
        if (from != null) {
            append(query, "from", from.toString());
        }
        if (to != null) {
            append(query, "to", to.toString());
        }
        types.stream().sorted().forEach(type -> append(query, "type", type));
        if (actor != null) {
            append(query, "actor", actor);
        }
        if (funder != null) {
            append(query, "funder", funder);
        }
        return query.toString();
    }

    static void append(StringBuilder query, String name, String value) {
        if (!query.isEmpty()) {
            query.append('&');
        }
        query.append(name).append('=').append(value);
    }
}

package org.tremplin.audit.query;

import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;

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
        return keeps(entry.time(), entry.type(), entry.qualifiedType(), entry::actor, entry::funder);
    }

    /** The same test on an event not summarised yet: actor and funder are read only when the filter names them. */
    boolean keeps(Instant time, String type, String qualifiedType, Supplier<String> actorOf, Supplier<String> funderOf) {
        return (from == null || !time.isBefore(from))
                && (to == null || time.isBefore(to))
                && (types.isEmpty() || types.contains(type) || types.contains(qualifiedType))
                && (actor == null || actor.equals(actorOf.get()))
                && (funder == null || funder.equals(funderOf.get()));
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

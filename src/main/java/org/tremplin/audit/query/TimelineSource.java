package org.tremplin.audit.query;

import org.axonframework.eventhandling.DomainEventMessage;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One stream of events that belongs in a project's timeline: the project's own aggregate stream
 * ({@link ProjectStreamTimelineSource}) and the funding streams attached to it ({@link FundingTimelineSource}:
 * applications with their conventions and payments, and the partners' state-aid ledgers). A source reads the
 * aggregates it knows to be linked to the project (never a scan of the whole store), each in time order. Sources
 * are read in their {@code @Order}; an event that several sources return appears once.
 */
public interface TimelineSource {

    /** A short name for diagnostics, e.g. "project". */
    String name();

    /** The source's events for the project, in stream order; a bounded read. Empty if it has none. */
    Stream<? extends DomainEventMessage<?>> eventsOf(String projectId);

    /**
     * The same, given the project's own stream as already read (payloads not deserialized yet), so that a source that
     * finds its streams from the project's events does not read it again.
     */
    default Stream<? extends DomainEventMessage<?>> eventsOf(String projectId,
                                                             List<? extends DomainEventMessage<?>> projectStream) {
        return eventsOf(projectId);
    }

    /**
     * The aggregates whose streams make this source's events, in the order {@link #eventsOf(String)} puts them
     * together, so that a page can be ordered from the stored rows' keys without reading payloads. {@code linking}
     * gives the project's own events of the types asked (payloads readable). Null when the source cannot say.
     */
    default List<String> aggregatesOf(String projectId,
                                      Function<Set<Class<?>>, List<? extends DomainEventMessage<?>>> linking) {
        return null;
    }

    /** Whether {@link #eventsOf(String)} sorts its streams together by time (stable), else it keeps stream order. */
    default boolean sortsByTime() {
        return true;
    }

    /** The events of several aggregates' streams, merged by time (stable: one stream's order is kept). */
    static Stream<? extends DomainEventMessage<?>> byTime(org.axonframework.eventsourcing.eventstore.EventStore eventStore,
                                                          List<String> aggregateIds) {
        return aggregateIds.stream().flatMap(id -> eventStore.readEvents(id).asStream())
                .sorted(java.util.Comparator.comparing(DomainEventMessage::getTimestamp));
    }
}

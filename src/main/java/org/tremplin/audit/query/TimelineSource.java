package org.tremplin.audit.query;

import org.axonframework.eventhandling.DomainEventMessage;

import java.util.stream.Stream;

/**
 * One stream of events that belongs in a project's timeline. Today the project's own aggregate stream is
 * the only one ({@link ProjectStreamTimelineSource}); a stream of a funding object attached to the project
 * (an application, a grant agreement) is added by one more bean of this type, which reads the aggregates
 * it knows to be linked to the project (never a scan of the whole store) and keeps only the events whose
 * payload carries the project's id. Sources are read in their {@code @Order}; an event that several sources
 * return appears once.
 */
public interface TimelineSource {

    /** A short name for diagnostics, e.g. "project". */
    String name();

    /** The source's events for the project, in stream order; a bounded read. Empty if it has none. */
    Stream<? extends DomainEventMessage<?>> eventsOf(String projectId);
}

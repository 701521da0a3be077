package org.tremplin.audit.query;

import java.time.Instant;
import java.util.List;

/**
 * One event of a project's timeline: when, what (type, revision and a readable one-line summary), who
 * (actor and roles, and the funder where the event concerns one), in which process step, and the payload.
 */
public record TimelineEntry(
        String eventId,
        String aggregateType,
        String aggregateId,
        long sequence,
        Instant time,
        String type,
        String revision,
        String summary,
        String actor,
        List<String> roles,
        String funder,
        String processInstanceId,
        String processDefinitionKey,
        String activityId,
        String correlationId,
        /** The fully qualified event type as stored (for exports); not part of the JSON answer's contract. */
        @com.fasterxml.jackson.annotation.JsonIgnore String qualifiedType,
        Object payload) {
}

package org.tremplin.audit.query;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.UnknownSerializedType;
import org.springframework.stereotype.Service;
import org.tremplin.platform.config.StepMetadata;
import org.springframework.transaction.annotation.Transactional;
import org.tremplin.shared.DomainException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A project's history as one ordered timeline, read from the event store through the {@link TimelineSource}s,
 * filtered, paged or exported; every read is recorded in the {@link AuditAccessLog} in the same transaction.
 */
@Service
public class ProjectHistoryService {

    private final List<TimelineSource> sources;
    private final AuditAccessLog accessLog;
    private final HistoryExport export;

    public ProjectHistoryService(List<TimelineSource> sources, AuditAccessLog accessLog, HistoryExport export) {
        this.sources = List.copyOf(sources);
        this.accessLog = accessLog;
        this.export = export;
    }

    @Transactional
    public HistoryPage history(String projectId, TimelineFilter filter, int page, int size, HistoryReader reader) {
        reader.requireAuditAccess("a project's history");
        List<TimelineEntry> kept = timeline(projectId).stream().filter(filter::keeps).toList();
        long from = Math.min((long) page * size, kept.size());
        List<TimelineEntry> entries = kept.subList((int) from, (int) Math.min(from + size, kept.size()));
        accessLog.record(reader.userId(), reader.roles(), "/api/projects/" + projectId + "/history",
                withPaging(filter.describe(), page, size));
        return new HistoryPage(entries, page, size, kept.size());
    }

    @Transactional
    public HistoryExport.Document export(String projectId, HistoryExport.Format format, TimelineFilter filter,
                                         HistoryReader reader) {
        reader.requireAuditAccess("a project's history");
        List<TimelineEntry> kept = timeline(projectId).stream().filter(filter::keeps).toList();
        HistoryExport.Document document = export.write(projectId, format, kept);
        String query = filter.describe();
        accessLog.record(reader.userId(), reader.roles(), "/api/projects/" + projectId + "/history/export",
                "format=" + format.parameter() + (query.isEmpty() ? "" : "&" + query));
        return document;
    }

    @Transactional
    public AccessLogPage accessLog(String userId, int page, int size, HistoryReader reader) {
        reader.requireAuditAccess("the audit access log");
        AccessLogPage read = accessLog.read(userId, page, size);
        accessLog.record(reader.userId(), reader.roles(), "/api/audit/access-log",
                withPaging(userId == null ? "" : "userId=" + userId, page, size));
        return read;
    }

    /** Every event of the project, once each, in order; 404 if there is none. */
    public List<TimelineEntry> timeline(String projectId) {
        List<List<DomainEventMessage<?>>> streams = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (TimelineSource source : sources) {
            List<DomainEventMessage<?>> stream = new ArrayList<>();
            source.eventsOf(projectId).forEach(event -> {
                if (seen.add(event.getIdentifier())) {
                    stream.add(event);
                }
            });
            streams.add(stream);
        }
        List<DomainEventMessage<?>> merged = merge(streams);
        if (merged.isEmpty()) {
            throw DomainException.notFound("No project " + projectId);
        }
        TimelineSummaries summaries = new TimelineSummaries();
        return merged.stream().map(event -> entry(event, summaries)).toList();
    }

    /** Merges streams that are each in order by time; at equal times the earlier source, then stream order. */
    private static List<DomainEventMessage<?>> merge(List<List<DomainEventMessage<?>>> streams) {
        if (streams.size() == 1) {
            return streams.get(0);
        }
        int[] next = new int[streams.size()];
        List<DomainEventMessage<?>> merged = new ArrayList<>();
        while (true) {
            int pick = -1;
            for (int i = 0; i < streams.size(); i++) {
                if (next[i] < streams.get(i).size() && (pick < 0 || streams.get(i).get(next[i]).getTimestamp()
                        .isBefore(streams.get(pick).get(next[pick]).getTimestamp()))) {
                    pick = i;
                }
            }
            if (pick < 0) {
                return merged;
            }
            merged.add(streams.get(pick).get(next[pick]++));
        }
    }

    private static TimelineEntry entry(DomainEventMessage<?> event, TimelineSummaries summaries) {
        Object payload = event.getPayload();
        String qualifiedType;
        String revision;
        if (payload instanceof UnknownSerializedType unknown) {
            qualifiedType = unknown.serializedType().getName();
            revision = unknown.serializedType().getRevision();
            payload = unknown.readData(JsonNode.class);
        } else {
            Class<?> type = event.getPayloadType();
            qualifiedType = type.getName();
            Revision annotation = type.getAnnotation(Revision.class);
            revision = annotation == null ? null : annotation.value();
        }
        String type = qualifiedType.substring(qualifiedType.lastIndexOf('.') + 1);
        type = type.substring(type.lastIndexOf('$') + 1);
        String roles = meta(event, StepMetadata.ROLES);
        return new TimelineEntry(event.getIdentifier(), event.getType(), event.getAggregateIdentifier(),
                event.getSequenceNumber(), event.getTimestamp(), type, revision,
                summaries.summarise(payload, type, event.getType(), event.getAggregateIdentifier()),
                meta(event, StepMetadata.ACTOR), roles == null || roles.isBlank() ? List.of() : List.of(roles.split(",")),
                TimelineSummaries.funderOf(payload), meta(event, StepMetadata.PROCESS_INSTANCE_ID),
                meta(event, StepMetadata.PROCESS_DEFINITION_KEY), meta(event, StepMetadata.ACTIVITY_ID), meta(event, StepMetadata.CORRELATION_ID),
                qualifiedType, payload);
    }

    private static String meta(DomainEventMessage<?> event, String key) {
        Object value = event.getMetaData().get(key);
        return value == null ? null : value.toString();
    }

    private static String withPaging(String query, int page, int size) {
        return (query.isEmpty() ? "" : query + "&") + "page=" + page + "&size=" + size;
    }
}

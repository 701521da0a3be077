package org.tremplin.audit.query;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.UnknownSerializedType;
import org.springframework.stereotype.Service;
import org.tremplin.platform.config.StepMetadata;
import org.springframework.transaction.annotation.Transactional;
import org.tremplin.shared.DomainException;

import org.tremplin.funding.api.FundingEvent;
import org.tremplin.organisation.api.OrganisationRegisteredEvent;
import org.tremplin.project.api.IdeaSubmittedEvent;
import org.tremplin.project.api.PartnerInvitedEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A project's history as one ordered timeline, read from the event store through the {@link TimelineSource}s,
 * filtered, paged or exported; every read is recorded in the {@link AuditAccessLog} in the same transaction.
 */
@Service
public class ProjectHistoryService {

    private final List<TimelineSource> sources;
    private final AuditAccessLog accessLog;
    private final HistoryExport export;
    private final TimelineKeys keys;

    ProjectHistoryService(List<TimelineSource> sources, AuditAccessLog accessLog, HistoryExport export,
                          TimelineKeys keys) {
        this.sources = List.copyOf(sources);
        this.accessLog = accessLog;
        this.export = export;
        this.keys = keys;
    }

    @Transactional
    public HistoryPage history(String projectId, TimelineFilter filter, int page, int size, HistoryReader reader) {
        reader.requireAuditAccess("a project's history");
        if (filter.actor() == null && filter.funder() == null) {
            TimelineKeys.StreamPage streamPage = keys.streamPage(projectId, sources, filter, namingTypes(),
                    (long) page * size, size);
            if (streamPage != null) {
                List<TimelineEntry> entries = streamPage.pagePositions().isEmpty() ? List.of()
                        : summarise(keys.fetch(streamPage.wanted()), streamPage.pagePositions());
                accessLog.record(reader.userId(), reader.roles(), "/api/projects/" + projectId + "/history",
                        withPaging(filter.describe(), page, size));
                return new HistoryPage(entries, page, size, streamPage.total());
            }
            List<TimelineKeys.Key> mergedKeys = keys.merged(projectId, sources);
            if (mergedKeys != null) {
                return keyedPage(projectId, mergedKeys, filter, page, size, reader);
            }
        }
        List<DomainEventMessage<?>> merged = merged(projectId);
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < merged.size(); i++) {
            if (keeps(filter, merged.get(i))) {
                kept.add(i);
            }
        }
        long from = Math.min((long) page * size, kept.size());
        List<TimelineEntry> entries = summarise(merged, kept.subList((int) from, (int) Math.min(from + size, kept.size())));
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

    /**
     * A page filtered by period and type only, from the rows' keys: only the page's events are read in full, with the
     * events before them that name an organisation (so that each summary reads as in the whole timeline).
     */
    private HistoryPage keyedPage(String projectId, List<TimelineKeys.Key> merged, TimelineFilter filter, int page,
                                  int size, HistoryReader reader) {
        if (merged.isEmpty()) {
            throw DomainException.notFound("No project " + projectId);
        }
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < merged.size(); i++) {
            TimelineKeys.Key key = merged.get(i);
            if (filter.keeps(key.timestamp(), simpleType(key.payloadType()), key.payloadType(), () -> null, () -> null)) {
                kept.add(i);
            }
        }
        long from = Math.min((long) page * size, kept.size());
        List<Integer> positions = kept.subList((int) from, (int) Math.min(from + size, kept.size()));
        List<TimelineEntry> entries = List.of();
        if (!positions.isEmpty()) {
            Set<String> naming = new HashSet<>();
            NAMING.forEach(type -> naming.add(type.getName()));
            Set<Integer> onPage = new HashSet<>(positions);
            List<TimelineKeys.Key> wanted = new ArrayList<>();
            List<Integer> wantedPositions = new ArrayList<>();
            int last = positions.get(positions.size() - 1);
            for (int i = 0; i <= last; i++) {
                if (onPage.contains(i) || naming.contains(merged.get(i).payloadType())) {
                    wanted.add(merged.get(i));
                    wantedPositions.add(i);
                }
            }
            List<DomainEventMessage<?>> events = keys.fetch(wanted);
            List<Integer> pagePositions = new ArrayList<>();
            for (int j = 0; j < wantedPositions.size(); j++) {
                if (onPage.contains(wantedPositions.get(j))) {
                    pagePositions.add(j);
                }
            }
            entries = summarise(events, pagePositions);
        }
        accessLog.record(reader.userId(), reader.roles(), "/api/projects/" + projectId + "/history",
                withPaging(filter.describe(), page, size));
        return new HistoryPage(entries, page, size, kept.size());
    }

    /** Every event of the project, once each, in order; 404 if there is none. */
    public List<TimelineEntry> timeline(String projectId) {
        List<DomainEventMessage<?>> merged = merged(projectId);
        TimelineSummaries summaries = new TimelineSummaries();
        return merged.stream().map(event -> entry(event, summaries)).toList();
    }

    /**
     * What the auditor's timeline page shows besides a page: the event types and the funders found in the whole
     * timeline (for its selects) and, for an "as of" instant, how many events came before it and the last of them.
     * Only the events that name a funder are deserialized, and one entry is summarised.
     */
    public Overview overview(String projectId, Instant asOfEnd) {
        TimelineKeys.StreamOverview stream = keys.streamOverview(projectId, sources, asOfEnd, namingTypes(),
                ProjectHistoryService::isFundingEvent, ProjectHistoryService::funderOf);
        if (stream != null) {
            Set<String> types = new TreeSet<>();
            stream.payloadTypes().forEach(type -> types.add(simpleType(type)));
            Set<String> funders = new TreeSet<>(stream.funders());
            TimelineEntry last = stream.lastWanted().isEmpty() ? null
                    : summarise(keys.fetch(stream.lastWanted()), List.of(stream.lastWanted().size() - 1)).get(0);
            return new Overview(types, funders, (int) stream.before(), last);
        }
        List<TimelineKeys.Key> mergedKeys = keys.merged(projectId, sources);
        if (mergedKeys != null) {
            return overview(projectId, mergedKeys, asOfEnd);
        }
        List<DomainEventMessage<?>> merged = merged(projectId);
        Set<String> types = new TreeSet<>();
        Set<String> funders = new TreeSet<>();
        int before = 0;
        for (DomainEventMessage<?> event : merged) {
            types.add(typeNames(event)[0]);
            String funder = funderOf(event);
            if (funder != null) {
                funders.add(funder);
            }
            if (asOfEnd != null && event.getTimestamp().isBefore(asOfEnd)) {
                before++;
            }
        }
        TimelineEntry last = null;
        if (asOfEnd != null && before > 0) {
            // the timeline is in time order: the events before the instant are its first ones
            last = summarise(merged, List.of(before - 1)).get(0);
        }
        return new Overview(types, funders, before, last);
    }

    private Overview overview(String projectId, List<TimelineKeys.Key> merged, Instant asOfEnd) {
        if (merged.isEmpty()) {
            throw DomainException.notFound("No project " + projectId);
        }
        Set<String> types = new TreeSet<>();
        List<TimelineKeys.Key> funding = new ArrayList<>();
        int before = 0;
        for (TimelineKeys.Key key : merged) {
            types.add(simpleType(key.payloadType()));
            if (isFundingEvent(key.payloadType())) {
                funding.add(key);
            }
            if (asOfEnd != null && key.timestamp().isBefore(asOfEnd)) {
                before++;
            }
        }
        Set<String> funders = new TreeSet<>();
        keys.fetch(funding).forEach(event -> {
            String funder = funderOf(event);
            if (funder != null) {
                funders.add(funder);
            }
        });
        TimelineEntry last = null;
        if (asOfEnd != null && before > 0) {
            Set<String> naming = new HashSet<>();
            NAMING.forEach(type -> naming.add(type.getName()));
            List<TimelineKeys.Key> wanted = new ArrayList<>();
            for (int i = 0; i < before - 1; i++) {
                if (naming.contains(merged.get(i).payloadType())) {
                    wanted.add(merged.get(i));
                }
            }
            wanted.add(merged.get(before - 1));
            last = summarise(keys.fetch(wanted), List.of(wanted.size() - 1)).get(0);
        }
        return new Overview(types, funders, before, last);
    }

    private static final java.util.Map<String, Boolean> FUNDING_TYPES = new java.util.concurrent.ConcurrentHashMap<>();

    /** Whether a stored payload type is a funding event (the only events that name a funder). */
    private static boolean isFundingEvent(String payloadType) {
        return FUNDING_TYPES.computeIfAbsent(payloadType, name -> {
            try {
                return FundingEvent.class.isAssignableFrom(Class.forName(name, false, FundingEvent.class.getClassLoader()));
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        });
    }

    /** See {@link #overview(String, Instant)}. */
    public record Overview(Set<String> types, Set<String> funders, int asOfCount, TimelineEntry asOfLast) {
    }

    /** Every event of the project, once each, in timeline order, payloads not deserialized yet; 404 if none. */
    private List<DomainEventMessage<?>> merged(String projectId) {
        List<List<DomainEventMessage<?>>> streams = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<? extends DomainEventMessage<?>> projectStream = null;
        for (TimelineSource source : sources) {
            List<DomainEventMessage<?>> stream = new ArrayList<>();
            List<? extends DomainEventMessage<?>> read = projectStream == null
                    ? source.eventsOf(projectId).toList() : source.eventsOf(projectId, projectStream).toList();
            if (projectStream == null && "project".equals(source.name())) {
                projectStream = read;
            }
            read.forEach(event -> {
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
        return merged;
    }

    /**
     * The entries at these positions (ascending) of the merged timeline, summarised exactly as in the whole timeline:
     * a summary may name an organisation registered or invited earlier, so the events before that do (and only those)
     * are read first, in order.
     */
    private static List<TimelineEntry> summarise(List<DomainEventMessage<?>> merged, List<Integer> positions) {
        if (positions.isEmpty()) {
            return List.of();
        }
        TimelineSummaries summaries = new TimelineSummaries();
        List<TimelineEntry> entries = new ArrayList<>(positions.size());
        int next = 0;
        int last = positions.get(positions.size() - 1);
        for (int i = 0; i <= last; i++) {
            DomainEventMessage<?> event = merged.get(i);
            if (i == positions.get(next)) {
                entries.add(entry(event, summaries));
                next++;
            } else if (NAMING.contains(event.getPayloadType())) {
                entry(event, summaries);
            }
        }
        return entries;
    }

    /** The stored type names of {@link #NAMING}. */
    private static Set<String> namingTypes() {
        Set<String> names = new HashSet<>();
        NAMING.forEach(type -> names.add(type.getName()));
        return names;
    }

    /** The event types whose summary records an organisation's name for later summaries (see TimelineSummaries). */
    private static final Set<Class<?>> NAMING = Set.of(OrganisationRegisteredEvent.class, IdeaSubmittedEvent.class,
            PartnerInvitedEvent.class);

    /** The filter on an event not summarised yet, as {@link TimelineFilter#keeps(TimelineEntry)} on its entry. */
    private static boolean keeps(TimelineFilter filter, DomainEventMessage<?> event) {
        String[] names = typeNames(event);
        return filter.keeps(event.getTimestamp(), names[0], names[1], () -> meta(event, StepMetadata.ACTOR),
                () -> funderOf(event));
    }

    /** The funder an event concerns, as in its entry; only funding events are deserialized. */
    private static String funderOf(DomainEventMessage<?> event) {
        Class<?> type = event.getPayloadType();
        return FundingEvent.class.isAssignableFrom(type) ? TimelineSummaries.funderOf(event.getPayload()) : null;
    }

    /** {simple type, qualified type} as in the entry, read from the serialized type (no payload deserialized). */
    private static String[] typeNames(DomainEventMessage<?> event) {
        String qualifiedType;
        if (UnknownSerializedType.class.equals(event.getPayloadType())) {
            qualifiedType = ((UnknownSerializedType) event.getPayload()).serializedType().getName();
        } else {
            qualifiedType = event.getPayloadType().getName();
        }
        return new String[]{simpleType(qualifiedType), qualifiedType};
    }

    static String simpleType(String qualifiedType) {
        String type = qualifiedType.substring(qualifiedType.lastIndexOf('.') + 1);
        return type.substring(type.lastIndexOf('$') + 1);
    }

    private static List<DomainEventMessage<?>> merge(List<List<DomainEventMessage<?>>> streams) {
        return merge(streams, DomainEventMessage::getTimestamp);
    }

    /**
     * Merges streams in time order; at equal times the earlier source, then stream order. A timeline of one non-empty
     * stream keeps that stream's order; when several hold events, each is first put in time order (stable: a stream
     * whose stored times go back, e.g. written by two nodes whose clocks differ, still merges by time), so that the
     * whole is ordered by (time, source, stream order), the order in which the database pages a merged timeline
     * ({@code TimelineKeys}).
     */
    static <E> List<E> merge(List<List<E>> streams, java.util.function.Function<E, Instant> time) {
        if (streams.size() == 1) {
            return streams.get(0);
        }
        if (streams.stream().filter(stream -> !stream.isEmpty()).count() > 1) {
            List<List<E>> sorted = new ArrayList<>(streams.size());
            for (List<E> stream : streams) {
                List<E> inTime = new ArrayList<>(stream);
                inTime.sort(java.util.Comparator.comparing(time));
                sorted.add(inTime);
            }
            streams = sorted;
        }
        int[] next = new int[streams.size()];
        List<E> merged = new ArrayList<>();
        while (true) {
            int pick = -1;
            for (int i = 0; i < streams.size(); i++) {
                if (next[i] < streams.get(i).size() && (pick < 0 || time.apply(streams.get(i).get(next[i]))
                        .isBefore(time.apply(streams.get(pick).get(next[pick]))))) {
                    pick = i;
                }
            }
            if (pick < 0) {
                return merged;
            }
            merged.add(streams.get(pick).get(next[pick]++));
        }
    }

    /**
     * An IP pre-diagnosis' findings are confidential to the SME, the IP advisers and auditors (issue 13): the
     * timeline and its exports keep who recorded them and when, never their contents (read them, where allowed,
     * through {@code GET /api/projects/{id}/ip-pre-diagnoses}).
     */
    private static Object withoutConfidentialContents(Object payload) {
        if (payload instanceof org.tremplin.project.api.IpPreDiagnosisFindingsRecordedEvent findings) {
            java.util.Map<String, Object> shown = new java.util.LinkedHashMap<>();
            shown.put("preDiagnosisId", findings.preDiagnosisId());
            shown.put("projectId", findings.projectId());
            shown.put("organisationId", findings.organisationId());
            shown.put("adviser", findings.adviser());
            shown.put("findings", "confidential to the SME, IP advisers and auditors");
            return shown;
        }
        return payload;
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
        String type = simpleType(qualifiedType);
        String roles = meta(event, StepMetadata.ROLES);
        return new TimelineEntry(event.getIdentifier(), event.getType(), event.getAggregateIdentifier(),
                event.getSequenceNumber(), event.getTimestamp(), type, revision,
                summaries.summarise(payload, type, event.getType(), event.getAggregateIdentifier()),
                meta(event, StepMetadata.ACTOR), roles == null || roles.isBlank() ? List.of() : List.of(roles.split(",")),
                TimelineSummaries.funderOf(payload), meta(event, StepMetadata.PROCESS_INSTANCE_ID),
                meta(event, StepMetadata.PROCESS_DEFINITION_KEY), meta(event, StepMetadata.ACTIVITY_ID), meta(event, StepMetadata.CORRELATION_ID),
                qualifiedType, withoutConfidentialContents(payload));
    }

    private static String meta(DomainEventMessage<?> event, String key) {
        Object value = event.getMetaData().get(key);
        return value == null ? null : value.toString();
    }

    private static String withPaging(String query, int page, int size) {
        return (query.isEmpty() ? "" : query + "&") + "page=" + page + "&size=" + size;
    }
}

package org.tremplin.platform.config;

import org.axonframework.messaging.Message;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.tremplin.platform.query.InStep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The events (identifier, payload type and global index) that the current HTTP request's transactions committed, so
 * that the request can wait for exactly those events in the read models (see {@code ReadModels}). Recorded after each
 * commit by the event store, kept in the request's attributes: events committed outside a request (processors, the
 * job executor) are not recorded, and nothing outlives its request.
 *
 * <p>The global index of each event is the one the database gave its row when the event store inserted it
 * ({@link #recordAppended}, in the step's transaction, before the commit); an event whose index was not reported
 * there is committed with {@link Committed#UNKNOWN_INDEX}, and the wait looks it up in the store.
 */
public final class CommittedEvents {

    private static final String ATTRIBUTE = CommittedEvents.class.getName();
    private static final String APPENDED = ATTRIBUTE + ".appended";
    private static final String ANY = ATTRIBUTE + ".any";

    private CommittedEvents() {
    }

    /**
     * An event committed by the request: its identifier, the type of its payload and its global index in the store
     * ({@link #UNKNOWN_INDEX} when the store did not report it).
     */
    public record Committed(String identifier, Class<?> payloadType, long globalIndex, Set<String> inStep) {

        /** An event no read model was written for in its step. */
        public Committed(String identifier, Class<?> payloadType, long globalIndex) {
            this(identifier, payloadType, globalIndex, Set.of());
        }

        /** The global index of an event whose insert did not report it. */
        public static final long UNKNOWN_INDEX = -1;

        public boolean indexKnown() {
            return globalIndex != UNKNOWN_INDEX;
        }
    }

    /**
     * Called by the event store once it inserted these events in the current transaction, with the global index the
     * database gave each, in the same order. Kept until the events' commit is recorded ({@link #recordCommitted});
     * the indexes of a transaction that rolls back are never asked for and end with the request.
     */
    static void recordAppended(List<? extends Message<?>> events, long[] globalIndexes) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null || events.size() != globalIndexes.length) {
            return;
        }
        Map<String, Appended> appended = appended(request);
        if (appended == null) {
            appended = new HashMap<>();
            request.setAttribute(APPENDED, appended, RequestAttributes.SCOPE_REQUEST);
        }
        for (int i = 0; i < globalIndexes.length; i++) {
            appended.put(events.get(i).getIdentifier(), new Appended(globalIndexes[i], InStep.groups(events.get(i))));
        }
    }

    /** Called after the database committed these events, on the thread that committed them. */
    static void recordCommitted(List<? extends Message<?>> events) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null || events.isEmpty()) {
            return;
        }
        request.setAttribute(ANY, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
        List<Committed> committed = committed(request);
        if (committed == null) {
            committed = new ArrayList<>();
            request.setAttribute(ATTRIBUTE, committed, RequestAttributes.SCOPE_REQUEST);
        }
        Map<String, Appended> appended = appended(request);
        for (Message<?> event : events) {
            Appended stored = appended == null ? null : appended.remove(event.getIdentifier());
            committed.add(stored == null ? new Committed(event.getIdentifier(), event.getPayloadType(), Committed.UNKNOWN_INDEX)
                    : new Committed(event.getIdentifier(), event.getPayloadType(), stored.globalIndex(), stored.inStep()));
        }
    }

    /** Whether the current request has committed any event so far (not forgotten by {@link #takeForCurrentRequest}). */
    public static boolean anyCommittedInCurrentRequest() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        return request != null && request.getAttribute(ANY, RequestAttributes.SCOPE_REQUEST) != null;
    }

    /** The events committed by the current request since the last call, which are forgotten. */
    public static List<Committed> takeForCurrentRequest() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return List.of();
        }
        List<Committed> committed = committed(request);
        if (committed == null) {
            return List.of();
        }
        request.removeAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        return List.copyOf(committed);
    }

    @SuppressWarnings("unchecked")
    private static List<Committed> committed(RequestAttributes request) {
        return (List<Committed>) request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Appended> appended(RequestAttributes request) {
        return (Map<String, Appended>) request.getAttribute(APPENDED, RequestAttributes.SCOPE_REQUEST);
    }

    /** An event inserted in the current transaction: its global index and the groups its step applied (decision 11). */
    private record Appended(long globalIndex, Set<String> inStep) {
    }
}

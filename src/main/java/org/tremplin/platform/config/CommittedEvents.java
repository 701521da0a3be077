package org.tremplin.platform.config;

import org.axonframework.messaging.Message;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.util.ArrayList;
import java.util.List;

/**
 * The events (identifier and payload type) that the current HTTP request's transactions committed, so that the request can
 * wait for exactly those events in the read models (see {@code ReadModels}). Recorded after each commit by the event
 * store, kept in the request's attributes: events committed outside a request (processors, the job executor) are
 * not recorded, and nothing outlives its request.
 */
public final class CommittedEvents {

    private static final String ATTRIBUTE = CommittedEvents.class.getName();

    private CommittedEvents() {
    }

    /** An event committed by the request: its identifier and the type of its payload. */
    public record Committed(String identifier, Class<?> payloadType) {
    }

    /** Called after the database committed these events, on the thread that committed them. */
    static void recordCommitted(List<? extends Message<?>> events) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null || events.isEmpty()) {
            return;
        }
        List<Committed> committed = committed(request);
        if (committed == null) {
            committed = new ArrayList<>();
            request.setAttribute(ATTRIBUTE, committed, RequestAttributes.SCOPE_REQUEST);
        }
        for (Message<?> event : events) {
            committed.add(new Committed(event.getIdentifier(), event.getPayloadType()));
        }
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
}

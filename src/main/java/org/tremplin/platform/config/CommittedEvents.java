package org.tremplin.platform.config;

import org.axonframework.messaging.Message;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.util.ArrayList;
import java.util.List;

/**
 * The identifiers of the events that the current HTTP request's transactions committed, so that the request can
 * wait for exactly those events in the read models (see {@code ReadModels}). Recorded after each commit by the event
 * store, kept in the request's attributes: events committed outside a request (processors, the job executor) are
 * not recorded, and nothing outlives its request.
 */
public final class CommittedEvents {

    private static final String ATTRIBUTE = CommittedEvents.class.getName();

    private CommittedEvents() {
    }

    /** Called after the database committed these events, on the thread that committed them. */
    static void recordCommitted(List<? extends Message<?>> events) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null || events.isEmpty()) {
            return;
        }
        List<String> identifiers = identifiers(request);
        if (identifiers == null) {
            identifiers = new ArrayList<>();
            request.setAttribute(ATTRIBUTE, identifiers, RequestAttributes.SCOPE_REQUEST);
        }
        for (Message<?> event : events) {
            identifiers.add(event.getIdentifier());
        }
    }

    /** The identifiers committed by the current request since the last call, which are forgotten. */
    public static List<String> takeForCurrentRequest() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return List.of();
        }
        List<String> identifiers = identifiers(request);
        if (identifiers == null) {
            return List.of();
        }
        request.removeAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        return List.copyOf(identifiers);
    }

    @SuppressWarnings("unchecked")
    private static List<String> identifiers(RequestAttributes request) {
        return (List<String>) request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
    }
}

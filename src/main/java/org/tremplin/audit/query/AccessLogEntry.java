package org.tremplin.audit.query;

import java.time.Instant;
import java.util.List;

/** One audit read: when, by whom (with the groups the user had), which resource, with which query. */
public record AccessLogEntry(long id, Instant accessedAt, String userId, List<String> roles, String resource,
                             String query) {
}

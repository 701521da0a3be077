package org.tremplin.audit.query;

import java.util.List;

/** One page of the audit access log, newest first, with the total of matching lines. */
public record AccessLogPage(List<AccessLogEntry> entries, int page, int size, long total) {
}

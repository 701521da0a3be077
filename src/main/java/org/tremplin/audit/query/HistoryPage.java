package org.tremplin.audit.query;

import java.util.List;

/** One page of a filtered timeline: the entries, the page asked (0-based), its size and the total of matches. */
public record HistoryPage(List<TimelineEntry> entries, int page, int size, long total) {
}

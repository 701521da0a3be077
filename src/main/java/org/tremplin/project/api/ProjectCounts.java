package org.tremplin.project.api;

import java.util.Map;

/** How many projects there are at each stage. */
public record ProjectCounts(Map<ProjectStatus, Long> byStatus) {

    public ProjectCounts {
        byStatus = Map.copyOf(byStatus);
    }

    /** The number of projects at that stage, 0 if none. */
    public long at(ProjectStatus status) {
        return byStatus.getOrDefault(status, 0L);
    }

    /** The number of projects at every stage. */
    public long total() {
        return byStatus.values().stream().mapToLong(Long::longValue).sum();
    }
}

package org.tremplin.project.api;

import java.time.Instant;

/** An IP pre-diagnosis as the read model keeps it, before the web layer hides what the viewer may not read. */
public record IpPreDiagnosisView(String id, String projectId, String organisationId, String status, String requestedBy,
                                 Instant requestedAt, String adviser, String priorArtToCheck,
                                 String fileBeforeDisclosure, String keepSecret, Instant findingsRecordedAt,
                                 String sharedSummary, Instant sharedAt) {
}

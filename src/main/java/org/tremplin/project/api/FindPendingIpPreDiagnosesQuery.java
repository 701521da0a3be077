package org.tremplin.project.api;

/**
 * Every IP pre-diagnosis still waiting for its findings (status {@code REQUESTED}), across projects, oldest request
 * first; answers a list of {@link IpPreDiagnosisView}.
 */
public record FindPendingIpPreDiagnosesQuery() {
}

package org.tremplin.project.api;

/** Answers the project's IP pre-diagnoses as a list of {@link IpPreDiagnosisView}, oldest first. */
public record FindIpPreDiagnosesOfProjectQuery(String projectId) {
}

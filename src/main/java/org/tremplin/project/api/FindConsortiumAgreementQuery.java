package org.tremplin.project.api;

/** The consortium agreement of a project (empty while none is drafted). */
public record FindConsortiumAgreementQuery(String projectId) {
}

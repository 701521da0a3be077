package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

/** The SME shared a summary of its IP pre-diagnosis with the consortium (the findings stay confidential). */
@Revision("1")
public record IpPreDiagnosisSummarySharedEvent(String preDiagnosisId, String projectId, String organisationId,
                                               String summary, String sharedBy) implements ProjectEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

/** An SME of a project asked for an IP pre-diagnosis; the pole's IP adviser now owes it findings. */
@Revision("1")
public record IpPreDiagnosisRequestedEvent(String preDiagnosisId, String projectId, String organisationId,
                                           String requestedBy) implements ProjectEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

/**
 * The IP adviser's findings: prior art to check, what to file before disclosing it to the consortium, what to keep
 * secret. Confidential: only the SME's users, IP advisers and auditors read them; the timeline names the step only.
 */
@Revision("1")
public record IpPreDiagnosisFindingsRecordedEvent(String preDiagnosisId, String projectId, String organisationId,
                                                  String adviser, String priorArtToCheck, String fileBeforeDisclosure,
                                                  String keepSecret) implements ProjectEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}

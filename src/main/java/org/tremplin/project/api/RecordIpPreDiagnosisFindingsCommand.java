package org.tremplin.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The pole's IP adviser records a pre-diagnosis' findings and recommendations (confidential to the SME). */
public record RecordIpPreDiagnosisFindingsCommand(@TargetAggregateIdentifier String preDiagnosisId, String adviser,
                                                  String priorArtToCheck, String fileBeforeDisclosure,
                                                  String keepSecret) {
}

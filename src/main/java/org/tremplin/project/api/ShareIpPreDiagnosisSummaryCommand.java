package org.tremplin.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The SME decides what of its pre-diagnosis the consortium reads: a summary in its own words. */
public record ShareIpPreDiagnosisSummaryCommand(@TargetAggregateIdentifier String preDiagnosisId, String summary,
                                                String sharedBy) {
}

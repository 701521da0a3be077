package org.tremplin.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * The committee's decision on the label, with the carrier-capacity verdicts the labelling step showed (filled by the
 * process from the read models, never typed in; none when no check was shown).
 */
public record DecideLabelCommand(@TargetAggregateIdentifier String projectId, Boolean granted, String reasons,
                                 List<CapacityVerdictShown> capacityShown) {

    public DecideLabelCommand(String projectId, Boolean granted, String reasons) {
        this(projectId, granted, reasons, List.of());
    }
}

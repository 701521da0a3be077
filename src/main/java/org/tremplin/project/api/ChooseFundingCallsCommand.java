package org.tremplin.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Pole staff choose the calls for projects a labelled project applies to, one application per call. */
public record ChooseFundingCallsCommand(@TargetAggregateIdentifier String projectId, List<String> callIds) {
}

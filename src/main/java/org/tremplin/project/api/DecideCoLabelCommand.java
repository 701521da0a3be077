package org.tremplin.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * A user of the partner pole records the pole's decision on the pending request, with its conclusions.
 * {@code deciderPoleIds} are the partner poles the acting user works for: the co-labelling refuses anyone else.
 */
public record DecideCoLabelCommand(@TargetAggregateIdentifier String coLabelId, Boolean granted, String conclusions,
                                   String decidedBy, List<String> deciderPoleIds) {
}

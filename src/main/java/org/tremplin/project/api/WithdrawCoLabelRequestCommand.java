package org.tremplin.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The carrier (or pole staff) withdraws a pending request before the partner pole decides. */
public record WithdrawCoLabelRequestCommand(@TargetAggregateIdentifier String coLabelId, String reason,
                                            String withdrawnBy) {
}

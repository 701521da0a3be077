package org.tremplin.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DecideLabelCommand(@TargetAggregateIdentifier String projectId, Boolean granted, String reasons) {
}

package org.tremplin.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Closes a project whose funding applications all ended (rejected, or every convention settled). */
public record CloseProjectCommand(@TargetAggregateIdentifier String projectId) {
}

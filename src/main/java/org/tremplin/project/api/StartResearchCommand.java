package org.tremplin.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A convention of the project was signed: its R&amp;D starts. Sent with every signature; only the first one changes the
 * project (the others record nothing).
 */
public record StartResearchCommand(@TargetAggregateIdentifier String projectId) {
}

package org.tremplin.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The carrier asks for a pre-label before the full labelling (issue 13). {@code projectStatus} is the project's status
 * when asked, read by the process step from the project's read model (the pre-label is refused once the labelling has
 * started). {@code note} (optional) says what the carrier wants advice on. The handler returns the round's number.
 */
public record RequestPreLabelCommand(@TargetAggregateIdentifier String preLabelId, String projectId,
                                     ProjectStatus projectStatus, String carrierOrganisationId, String requestedBy,
                                     String note) {

    /** One pre-label file per project; its rounds follow each other. */
    public static String idOf(String projectId) {
        return "PRELABEL-" + projectId;
    }
}

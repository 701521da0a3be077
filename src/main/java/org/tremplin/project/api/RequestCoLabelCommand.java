package org.tremplin.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The carrier or pole staff ask a partner pole for its label on a project (co-labelling). The web layer passes what
 * it read: the project's status and the pole's name ({@code null} when no partner pole has that id); the co-labelling
 * decides.
 */
public record RequestCoLabelCommand(@TargetAggregateIdentifier String coLabelId, String projectId,
                                    ProjectStatus projectStatus, String poleId, String poleName, String requestedBy,
                                    String message) {

    /** One co-labelling per project and partner pole (its requests follow one another). */
    public static String idOf(String projectId, String poleId) {
        return "COLABEL-" + projectId + "-" + poleId;
    }
}

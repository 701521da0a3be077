package org.tremplin.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.EnumSet;
import java.util.Set;

/**
 * The carrier or pole staff ask a partner pole for its label on a project (co-labelling). The web layer passes what
 * it read: the project's status and the pole's name ({@code null} when no partner pole has that id); the co-labelling
 * decides.
 */
public record RequestCoLabelCommand(@TargetAggregateIdentifier String coLabelId, String projectId,
                                    ProjectStatus projectStatus, String poleId, String poleName, String requestedBy,
                                    String message) {

    /**
     * The statuses in which a partner pole may be asked: the project was submitted for labelling to the home pole,
     * which has not refused it; or it is labelled (and neither abandoned nor closed).
     */
    public static final Set<ProjectStatus> ASKABLE_STATUSES = Set.copyOf(EnumSet.of(ProjectStatus.AWAITING_REVIEWERS,
            ProjectStatus.UNDER_REVIEW, ProjectStatus.LABEL_GRANTED, ProjectStatus.FUNDING, ProjectStatus.IN_RESEARCH));

    /** One co-labelling per project and partner pole (its requests follow one another). */
    public static String idOf(String projectId, String poleId) {
        return "COLABEL-" + projectId + "-" + poleId;
    }
}

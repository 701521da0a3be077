package org.tremplin.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tremplin.organisation.api.OrganisationKind;

/**
 * An SME carrier or partner of a project asks the pole for a free industrial-property pre-diagnosis. The web layer
 * checks that the user acts for the organisation and that it is in the project; {@code organisationKind} is the
 * organisation's kind when asked (the aggregate refuses anything but an SME).
 */
public record RequestIpPreDiagnosisCommand(@TargetAggregateIdentifier String preDiagnosisId, String projectId,
                                           String organisationId, OrganisationKind organisationKind,
                                           String requestedBy) {

    /** One pre-diagnosis per SME and project. */
    public static String idOf(String projectId, String organisationId) {
        return "IPD-" + projectId + "-" + organisationId;
    }
}

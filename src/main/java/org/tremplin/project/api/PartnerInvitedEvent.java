package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

/** An organisation was invited to join the project's consortium. */
@Revision("1")
public record PartnerInvitedEvent(String projectId, String organisationId, String organisationName,
                                  org.tremplin.organisation.api.OrganisationKind organisationKind) {
}

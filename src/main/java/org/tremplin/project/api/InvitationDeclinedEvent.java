package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

/** An invited organisation declined to join the consortium, with its reason. */
@Revision("1")
public record InvitationDeclinedEvent(String projectId, String organisationId, String reason) {
}

package org.tremplin.organisation.api;

/** Answers the ids of the SMEs whose referent is the user, as a list of strings. */
public record FindOrganisationsOfReferentQuery(String referentUserId) {
}

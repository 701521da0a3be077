package org.tremplin.organisation.api;

/** Answers the list of organisation ids the user acts for. */
public record FindOrganisationsOfUserQuery(String userId) {
}

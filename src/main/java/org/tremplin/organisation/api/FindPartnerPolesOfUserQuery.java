package org.tremplin.organisation.api;

/** The ids of the partner poles a user acts for (none for most users). */
public record FindPartnerPolesOfUserQuery(String userId) {
}

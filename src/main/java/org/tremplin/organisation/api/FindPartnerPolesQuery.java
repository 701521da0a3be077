package org.tremplin.organisation.api;

/** Every partner pole, by name. */
public record FindPartnerPolesQuery() {
}

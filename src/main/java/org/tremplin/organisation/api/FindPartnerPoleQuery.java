package org.tremplin.organisation.api;

/** One partner pole, if registered. */
public record FindPartnerPoleQuery(String poleId) {
}

package org.tremplin.organisation.api;

/**
 * Answers the user id of the organisation's SME referent, as an optional string: empty when the organisation is not
 * an SME, has no referent, or is unknown. One look-up for the SME referent's task offer, which needs nothing else of
 * the organisation.
 */
public record FindSmeReferentQuery(String organisationId) {
}

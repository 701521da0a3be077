package org.tremplin.funding.api;

/**
 * What an amendment (avenant) to a convention changes.
 */
public enum AmendmentKind {
    /** Part of this partner's grant moves to another partner of the same funder's application. */
    BUDGET_SHIFT_OUT,
    /** This partner receives part of another partner's grant. */
    BUDGET_SHIFT_IN,
    /** The convention's end date moves later. */
    END_DATE_EXTENSION,
    /** The partner leaves the project: the convention ends, its unpaid grant is released. */
    PARTNER_WITHDRAWAL;
}

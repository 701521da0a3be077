package org.tremplin.organisation.api;

/**
 * Where a reviewer's experience comes from, as the reviewer declares it (issue 13, mixed review panels): a pole may
 * require that a review panel mixes backgrounds ({@code tremplin.labelling.panel-mix}, src/docs/review-panels.md).
 */
public enum ReviewerBackground {
    /** Works for (or comes from) a large company. */
    LARGE_COMPANY,
    /** Works for (or comes from) a small or medium-sized enterprise. */
    SME,
    /** Works for (or comes from) a public or private research laboratory. */
    RESEARCH_LAB
}

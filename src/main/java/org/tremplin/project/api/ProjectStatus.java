package org.tremplin.project.api;

/** Where a project stands in its lifecycle. */
public enum ProjectStatus {
    CONSORTIUM_BUILDING, AWAITING_REVIEWERS, UNDER_REVIEW, LABEL_GRANTED, LABEL_REFUSED, ABANDONED,
    /** Labelled, applying to its funders' calls and, once granted, running its conventions (R&D) to their end. */
    FUNDING,
    /** At least one convention is signed: the R&amp;D runs until every convention is paid to its balance, lapsed or withdrawn. */
    IN_RESEARCH,
    /** Every application decided and every convention paid to its balance, lapsed or withdrawn. */
    CLOSED;

    /** Labelling is over: the consortium is frozen (no more NDA for newcomers) and the project can no longer be abandoned. */
    public boolean labellingIsOver() {
        return this == LABEL_GRANTED || this == LABEL_REFUSED || this == ABANDONED || this == FUNDING || this == IN_RESEARCH
                || this == CLOSED;
    }
}

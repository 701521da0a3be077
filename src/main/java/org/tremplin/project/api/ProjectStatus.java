package org.tremplin.project.api;

/** Where a project stands in its lifecycle. */
public enum ProjectStatus {
    CONSORTIUM_BUILDING, AWAITING_REVIEWERS, UNDER_REVIEW, LABEL_GRANTED, LABEL_REFUSED, ABANDONED;

    public boolean isFinal() {
        return this == LABEL_GRANTED || this == LABEL_REFUSED || this == ABANDONED;
    }
}

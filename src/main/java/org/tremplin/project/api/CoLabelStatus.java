package org.tremplin.project.api;

/** Where a project's request to a partner pole stands. */
public enum CoLabelStatus {
    /** Asked; the partner pole has not decided yet. */
    PENDING,
    GRANTED,
    REFUSED,
    /** Withdrawn by the carrier or pole staff before the pole decided. */
    WITHDRAWN
}

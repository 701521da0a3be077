package org.tremplin.project.api;

/** Where the redress after a label refusal stands (src/docs/redress.md). */
public enum RedressState {
    /**
     * The refusal was communicated and may still be contested: the carrier's period is running. Not stored: the API
     * derives it from the communicated refusal, the redress period and the time of the read.
     */
    OPEN,
    /** The carrier contested the refusal; staff are to decide. */
    CONTESTED,
    /** Staff confirmed the refusal: it is final. */
    CONFIRMED,
    /** Staff sent the file back to a new review by other reviewers. */
    SENT_BACK,
    /** The redress period ended without a contest: the refusal is final. */
    LAPSED
}

package org.tremplin.project.api;

/** Where the redress after a label refusal stands (src/docs/redress.md). */
public enum RedressState {
    /** The carrier contested the refusal; staff are to decide. */
    CONTESTED,
    /** Staff confirmed the refusal: it is final. */
    CONFIRMED,
    /** Staff sent the file back to a new review by other reviewers. */
    SENT_BACK,
    /** The redress period ended without a contest: the refusal is final. */
    LAPSED
}

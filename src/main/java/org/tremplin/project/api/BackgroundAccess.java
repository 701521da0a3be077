package org.tremplin.project.api;

/** The access a partner grants the others to its background IP (what it brings into the project). */
public enum BackgroundAccess {
    /** Royalty-free. */
    FREE,
    /** On fair and reasonable conditions, negotiated. */
    FAIR_CONDITIONS,
    /** No access. */
    NONE
}

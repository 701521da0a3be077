package org.tremplin.project.api;

/** A reviewer's recommendation to the labelling committee. */
public enum Recommendation {
    GRANT, REFUSE
}

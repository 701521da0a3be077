package org.tremplin.project.api;

/** A pre-label's answer (issue 13): the early, light opinion of one pole staff member or expert. */
public enum PreLabelOpinion {
    /** Ready for the full labelling as it is. */
    GO,
    /** Ready once the listed changes are made. */
    GO_WITH_CHANGES,
    /** Not ready for the labelling yet; the advice says what is missing. */
    NOT_YET
}

package org.tremplin.project.api;

/**
 * The pole's rule ({@code tremplin.consortium-agreement.required-before}): which step a fully signed consortium
 * agreement must precede. {@link #NONE} by default.
 */
public enum AgreementRequiredBefore {
    /** Completing the consortium ({@code user_build_consortium}, the submission for labelling) needs it. */
    LABELLING,
    /** Signing the project's first funding convention needs it. */
    FIRST_CONVENTION,
    /** The agreement is optional. */
    NONE
}

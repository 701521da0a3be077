package org.tremplin.project.api;

/** Who may read a project file. See the README for the full access table. */
public enum ConfidentialityLevel {
    /** Every signed-in user reads the file. */
    PUBLIC,
    /** Member organisations see that the project exists; the file needs a consortium NDA. */
    MEMBERS,
    /** Only the consortium (invited partners included) sees the project; the file needs an NDA. */
    CONSORTIUM,
    /** Only the carrier, partners under NDA, pole staff, assigned reviewers and auditors see it. */
    RESTRICTED
}

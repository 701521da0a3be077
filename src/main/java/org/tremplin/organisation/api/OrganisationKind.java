package org.tremplin.organisation.api;

/**
 * What kind of member an organisation is; drives consortium rules and, later, aid rates. {@link #COMPANY} and
 * {@link #UNKNOWN} come only from imported history (see {@code src/docs/import.md}): a source that says "private
 * company" without a size, or says nothing ("Non renseigné"). The state-aid rules read both as a large undertaking
 * (the prudent reading), never as an SME.
 */
public enum OrganisationKind {
    SME, MID_SIZE_COMPANY, LARGE_COMPANY, RESEARCH_LAB, OTHER,
    /** A private company whose size the source does not give (imported history only). */
    COMPANY,
    /** The source does not say what the organisation is (imported history only: "Non renseigné"). */
    UNKNOWN;

    public boolean isCompany() {
        return this == SME || this == MID_SIZE_COMPANY || this == LARGE_COMPANY || this == COMPANY;
    }
}

package org.tremplin.organisation.api;

/** What kind of member an organisation is; drives consortium rules and, later, aid rates. */
public enum OrganisationKind {
    SME, MID_SIZE_COMPANY, LARGE_COMPANY, RESEARCH_LAB, OTHER;

    public boolean isCompany() {
        return this == SME || this == MID_SIZE_COMPANY || this == LARGE_COMPANY;
    }
}

package org.tremplin.investment.api;

/** The kinds of investors the cluster brings into growth rounds. */
public enum InvestorKind {
    BUSINESS_ANGEL, VC_FUND, BPIFRANCE_FUND, CORPORATE_FUND
}

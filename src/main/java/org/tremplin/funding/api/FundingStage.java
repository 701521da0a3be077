package org.tremplin.funding.api;

/** The stages of a funding application whose delays are measured against each funder's service levels. */
public enum FundingStage {
    /** From the application's submission to the funder's decision. */
    SUBMISSION_TO_DECISION,
    /** From the decision to the signed convention. */
    DECISION_TO_CONVENTION,
    /** From the signed convention to the first payment (usually the advance). */
    CONVENTION_TO_FIRST_PAYMENT,
    /** From the first payment to the final balance (solde). */
    FIRST_PAYMENT_TO_BALANCE
}

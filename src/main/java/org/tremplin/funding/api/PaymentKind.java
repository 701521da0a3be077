package org.tremplin.funding.api;

/**
 * The tranches of a convention: the advance at signature, interim instalments against approved expense
 * statements, and the final balance (solde) after the final report is accepted.
 */
public enum PaymentKind {
    ADVANCE,
    INSTALMENT,
    BALANCE;
}

package org.tremplin.project.api;

import java.util.List;

/**
 * One consortium member's terms in the consortium agreement: its share of the results' ownership in basis points
 * (10,000 = 100 %; the shares of all partners sum to 10,000), its exploitation rights, the access it grants to its
 * background IP, and how many years it keeps the others' information confidential.
 */
public record PartnerAgreementTerms(String organisationId, int ownershipShareBasisPoints,
                                    List<ExploitationRight> exploitationRights, BackgroundAccess backgroundAccess,
                                    int confidentialityYears) {
}

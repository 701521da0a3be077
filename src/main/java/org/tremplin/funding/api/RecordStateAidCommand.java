package org.tremplin.funding.api;

import java.math.BigDecimal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Adds a grant to a partner's cross-funder state-aid ledger for the project. Refused when the partner's
 * total public aid for these costs would exceed the EU ceiling for its size and research category, unless a
 * justification is given by an authorised person (pole staff); then accepted and the justification recorded.
 */
public record RecordStateAidCommand(
        @TargetAggregateIdentifier String ledgerId,
        String projectId,
        String organisationId,
        String applicationId,
        String funderId,
        EnterpriseSize enterpriseSize,
        boolean effectiveCollaboration,
        BigDecimal industrialResearchCost,
        BigDecimal experimentalDevelopmentCost,
        BigDecimal amount,
        String justification,
        boolean authorisedToJustify) {

    public static final String ID_PREFIX = "AID-";

    /** One ledger per project and partner. */
    public static String ledgerId(String projectId, String organisationId) {
        return ID_PREFIX + projectId + "-" + organisationId;
    }
}

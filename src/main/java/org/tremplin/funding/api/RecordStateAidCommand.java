package org.tremplin.funding.api;

import java.math.BigDecimal;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tremplin.organisation.api.OrganisationKind;

/**
 * Adds a grant to a partner's cross-funder state-aid ledger for the project. Carries facts only: the partner's kind
 * and headcount (its enterprise size), every participant of the application with its kind and costs (effective
 * collaboration, the partner's own costs). The ledger decides: refused when the partner's total public aid for these
 * costs would exceed the EU ceiling for its size and research category, unless a justification is given by pole
 * staff (the acting user's groups, from the command's {@code roles} metadata); then accepted and the justification
 * recorded.
 */
public record RecordStateAidCommand(
        @TargetAggregateIdentifier String ledgerId,
        String projectId,
        String organisationId,
        String applicationId,
        String funderId,
        OrganisationKind organisationKind,
        int headcount,
        List<StateAidParticipant> participants,
        BigDecimal amount,
        String justification) {

    public static final String ID_PREFIX = "AID-";

    /** One ledger per project and partner. */
    public static String ledgerId(String projectId, String organisationId) {
        return ID_PREFIX + projectId + "-" + organisationId;
    }
}

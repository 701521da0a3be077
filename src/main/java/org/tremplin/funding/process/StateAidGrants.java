package org.tremplin.funding.process;

import org.tremplin.funding.api.RecordStateAidCommand;
import org.tremplin.funding.api.RequestedAid;
import org.tremplin.funding.api.StateAidParticipant;
import org.tremplin.organisation.api.OrganisationView;

import java.math.BigDecimal;
import java.util.List;

/**
 * The one place a grant is turned into a {@link RecordStateAidCommand}, for the funder's decision and for a budget
 * shift in alike: the facts the ledger decides on (the partner's kind and headcount, every participant's kind and
 * costs) and the justification as typed. Who may justify is the ledger's rule, from the command's metadata.
 */
final class StateAidGrants {

    private StateAidGrants() {
    }

    /** Adds {@code amount} of the application's aid to {@code partner}'s ledger for the project. */
    static RecordStateAidCommand grant(String projectId, String applicationId, String funderId, OrganisationView partner,
                                       List<StateAidParticipant> participants, BigDecimal amount, String justification) {
        return new RecordStateAidCommand(RecordStateAidCommand.ledgerId(projectId, partner.id()), projectId, partner.id(),
                applicationId, funderId, partner.kind(), partner.headcount(), List.copyOf(participants), amount,
                justification == null || justification.isBlank() ? null : justification);
    }

    /** The participants as the application recorded them. */
    static List<StateAidParticipant> participants(List<RequestedAid> requests) {
        return requests.stream().map(r -> new StateAidParticipant(r.organisationId(), r.partnerKind(),
                r.industrialResearchCost(), r.experimentalDevelopmentCost())).toList();
    }
}

package org.tremplin.funding.process;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tremplin.funding.api.AmendConventionCommand;
import org.tremplin.funding.api.AmendmentKind;
import org.tremplin.funding.api.FunderView;
import org.tremplin.funding.api.FundingApplicationSubmittedEvent;
import org.tremplin.funding.api.GrantedAid;
import org.tremplin.funding.api.RequestedAid;
import org.tremplin.funding.api.ShiftBudgetCommand;
import org.tremplin.project.api.PartnerStatus;
import org.tremplin.project.api.ProjectView;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Roles;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Amendments to conventions (avenants), asked through the API by pole staff, by a user of the application's funder,
 * or by a member of the project's lead partner. Each runs in one transaction with what it implies: the state-aid
 * ledgers follow the money (released on a withdrawal, moved on a budget shift, the receiving partner's ceiling
 * checked), and a withdrawn partner's convention process ends.
 */
@Service
public class ConventionAmendments {

    /** The application's parties, read from its first event (the command side's own record, not a read model). */
    public record ApplicationParties(String applicationId, String projectId, String funderId, List<RequestedAid> requests) {
    }

    private final CommandGateway commandGateway;
    private final EventStore eventStore;
    private final RuntimeService runtimeService;
    private final FundingLookups lookups;

    public ConventionAmendments(CommandGateway commandGateway, EventStore eventStore, RuntimeService runtimeService,
                                FundingLookups lookups) {
        this.commandGateway = commandGateway;
        this.eventStore = eventStore;
        this.runtimeService = runtimeService;
        this.lookups = lookups;
    }

    /** Extends a convention's end date or records the partner's withdrawal. */
    @Transactional
    public void amend(String userId, List<String> groups, String applicationId, String organisationId, AmendmentKind kind,
                      LocalDate newEndDate, String reason) {
        ApplicationParties parties = requireEntitled(userId, groups, applicationId);
        String conventionId = GrantedAid.conventionId(applicationId, organisationId);
        // a withdrawal releases the unpaid grant from the ledger as it is applied (StateAidFollowsConventions)
        commandGateway.sendAndWait(new AmendConventionCommand(applicationId, conventionId, kind, newEndDate, reason));
        if (kind == AmendmentKind.PARTNER_WITHDRAWAL) {
            runtimeService.createMessageCorrelation(FundingConventionProcess.Messages.PARTNER_WITHDRAWN)
                    .processInstanceVariableEquals(FundingConventionProcess.Variables.CONVENTION_ID, conventionId)
                    .correlateAllWithResult();
        }
    }

    /**
     * Moves part of one partner's grant to another: both conventions amended, the giver's ledger released, the
     * receiver's ledger charged (refused over its state-aid ceiling unless pole staff justify it).
     */
    @Transactional
    public void shiftBudget(String userId, List<String> groups, String applicationId, String fromOrganisationId,
                            String toOrganisationId, BigDecimal amount, String reason, String stateAidJustification) {
        ApplicationParties parties = requireEntitled(userId, groups, applicationId);
        if (parties.requests().stream().noneMatch(r -> r.organisationId().equals(toOrganisationId))) {
            throw DomainException.invalid(toOrganisationId + " has no request in " + applicationId);
        }
        // The receiver's ledger is charged first, then the shift is applied and the giver's ledger released with it
        // (StateAidFollowsConventions), all in this transaction. Charging first means two identical shifts at once
        // meet on the receiver's ledger stream from the first write on: while the first is open, the second is told 409.
        commandGateway.sendAndWait(StateAidGrants.grant(parties.projectId(), applicationId, parties.funderId(),
                lookups.organisation(toOrganisationId), StateAidGrants.participants(parties.requests()), amount,
                stateAidJustification));
        commandGateway.sendAndWait(new ShiftBudgetCommand(applicationId, fromOrganisationId, toOrganisationId, amount, reason));
    }

    /**
     * The application's parties, once the user is entitled to amend its conventions: 404 when unknown or hidden from
     * the user (as a missing one), 403 to the consortium's other members.
     */
    public ApplicationParties requireEntitled(String userId, List<String> groups, String applicationId) {
        ApplicationParties parties = parties(applicationId);
        if (isStaff(groups)) {
            return parties;
        }
        FunderView funder = lookups.funder(parties.funderId());
        if (funder.users().contains(userId)) {
            return parties;
        }
        ProjectView project = lookups.project(parties.projectId());
        boolean leadMember = project.partners().stream().filter(p -> p.status() == PartnerStatus.LEAD)
                .anyMatch(p -> lookups.organisation(p.organisationId()).members().contains(userId));
        if (!leadMember) {
            // the consortium reads the application, so it is told why; to anyone else it does not exist
            boolean consortium = project.partners().stream().filter(p -> p.status() == PartnerStatus.JOINED && p.ndaSignedAt() != null)
                    .anyMatch(p -> lookups.organisation(p.organisationId()).members().contains(userId));
            if (!consortium) {
                throw DomainException.notFound("No funding application " + applicationId);
            }
            throw DomainException.forbidden("Only pole staff, " + funder.name() + "'s users or the lead partner's members may amend "
                    + "the conventions of " + applicationId);
        }
        return parties;
    }

    private ApplicationParties parties(String applicationId) {
        if (applicationId == null || !applicationId.startsWith("APP-")) {
            throw DomainException.notFound("No funding application " + applicationId);
        }
        return eventStore.readEvents(applicationId).asStream().findFirst().map(DomainEventMessage::getPayload)
                .filter(FundingApplicationSubmittedEvent.class::isInstance).map(FundingApplicationSubmittedEvent.class::cast)
                .map(e -> new ApplicationParties(applicationId, e.projectId(), e.funderId(), e.requests()))
                .orElseThrow(() -> DomainException.notFound("No funding application " + applicationId));
    }

    private static boolean isStaff(List<String> groups) {
        return groups.contains(Roles.POLE_STAFF) || groups.contains(Roles.ADMIN);
    }
}

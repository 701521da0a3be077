package org.tremplin.funding.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.tremplin.funding.api.FunderView;
import org.tremplin.funding.api.GrantedAid;
import org.tremplin.funding.api.PartnerGrant;
import org.tremplin.funding.api.RecordFundingDecisionCommand;
import org.tremplin.funding.api.RecordStateAidCommand;
import org.tremplin.funding.command.StateAidFacts;
import org.tremplin.organisation.api.OrganisationView;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.platform.process.StepVariables;
import org.tremplin.shared.Roles;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.tremplin.funding.process.FundingApplicationProcess.Variables.*;

/**
 * Completing {@code user_record_funding_decision}: records the funder's decision and, for every granted partner, adds
 * the grant to the partner's cross-funder state-aid ledger, in the same transaction: a grant over the EU ceiling
 * refuses the whole decision unless pole staff justified it. Then the granted partners' conventions start, each
 * lapsing at the funder's contracting deadline.
 */
@Component
public class RecordFundingDecisionListener implements TaskListener {

    private static final ZoneId PARIS = org.tremplin.shared.ParisTime.ZONE;

    private final StepCommands commands;
    private final FundingLookups lookups;
    private final Clock clock;

    public RecordFundingDecisionListener(StepCommands commands, FundingLookups lookups, Clock clock) {
        this.commands = commands;
        this.lookups = lookups;
        this.clock = clock;
    }

    @Override
    public void notify(DelegateTask task) {
        String projectId = task.getExecution().getProcessBusinessKey();
        String applicationId = StepVariables.string(task, APPLICATION_ID);
        boolean granted = Boolean.TRUE.equals(StepVariables.bool(task, GRANTED));
        List<FundingLines.GrantLine> grantLines = granted ? FundingLines.grants(GRANTS, StepVariables.string(task, GRANTS)) : List.of();
        if (!granted && !grantLines.isEmpty()) {
            throw org.tremplin.shared.DomainException.invalid("A rejection grants nothing: leave " + GRANTS + " empty or tick " + GRANTED);
        }
        if (granted && StepVariables.string(task, GRANTS) == null) {
            throw org.tremplin.shared.DomainException.invalid(GRANTS + " is required for a grant: one partner per line, organisation id; amount granted");
        }
        LocalDate decidedOn = LocalDate.now(clock.withZone(PARIS));
        List<PartnerGrant> grants = grantLines.stream().map(l -> new PartnerGrant(l.organisationId(), l.amount())).toList();
        commands.send(task, new RecordFundingDecisionCommand(applicationId, granted, grants, StepVariables.string(task, REASONS), decidedOn));
        task.getExecution().setVariable(FUNDING_GRANTED, granted);
        if (!granted) {
            return;
        }
        String funderId = StepVariables.string(task, FUNDER_ID);
        FunderView funder = lookups.funder(funderId);
        List<FundingLines.RequestLine> requests = FundingLines.requests(APPLICATION_REQUESTS, StepVariables.string(task, APPLICATION_REQUESTS));
        Map<String, OrganisationView> organisations = new HashMap<>();
        List<StateAidFacts.Participant> participants = new ArrayList<>();
        for (FundingLines.RequestLine request : requests) {
            OrganisationView organisation = lookups.organisation(request.organisationId());
            organisations.put(request.organisationId(), organisation);
            participants.add(new StateAidFacts.Participant(organisation.kind(),
                    request.industrialResearchCost().add(request.experimentalDevelopmentCost())));
        }
        boolean collaboration = StateAidFacts.effectiveCollaboration(participants);
        String justification = StepVariables.string(task, STATE_AID_JUSTIFICATION);
        boolean authorised = commands.currentGroups().contains(Roles.POLE_STAFF) || commands.currentGroups().contains(Roles.ADMIN);
        List<String> conventionIds = new ArrayList<>();
        for (PartnerGrant grant : grants) {
            if (grant.amount().signum() <= 0) {
                continue;
            }
            FundingLines.RequestLine request = requests.stream().filter(r -> r.organisationId().equals(grant.organisationId()))
                    .findFirst().orElseThrow();
            OrganisationView organisation = organisations.get(grant.organisationId());
            commands.send(task, new RecordStateAidCommand(RecordStateAidCommand.ledgerId(projectId, grant.organisationId()), projectId,
                    grant.organisationId(), applicationId, funderId, StateAidFacts.size(organisation.kind(), organisation.headcount()),
                    collaboration, request.industrialResearchCost(), request.experimentalDevelopmentCost(), grant.amount(),
                    justification == null || justification.isBlank() ? null : justification, authorised));
            conventionIds.add(GrantedAid.conventionId(applicationId, grant.organisationId()));
        }
        task.getExecution().setVariable(CONVENTION_IDS, StepVariables.list(conventionIds));
        task.getExecution().setVariable(CONTRACTING_DEADLINE_AT,
                StepVariables.endOf(decidedOn.plusMonths(funder.contractingDeadlineMonths())));
    }
}

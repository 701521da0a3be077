package org.tremplin.funding.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.tremplin.funding.api.FunderView;
import org.tremplin.funding.api.GrantedAid;
import org.tremplin.funding.api.PartnerGrant;
import org.tremplin.funding.api.RecordFundingDecisionCommand;
import org.tremplin.funding.api.StateAidParticipant;
import org.tremplin.organisation.api.OrganisationView;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.platform.process.StepVariables;

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
 * refuses the whole decision unless pole staff justified it (the ledger decides, from the participants' facts and the
 * acting user's groups). Then the granted partners' conventions start, each
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
        String grantsText = StepVariables.string(task, GRANTS);
        if (granted && grantsText == null) {
            throw org.tremplin.shared.DomainException.invalid(GRANTS + " is required for a grant: one partner per line, organisation id; amount granted");
        }
        // a rejection with grants is refused by the application itself (one rule, in the aggregate)
        List<PartnerGrant> grants = grantsText == null ? List.of() : FundingLines.grants(GRANTS, grantsText).stream()
                .map(l -> new PartnerGrant(l.organisationId(), l.amount())).toList();
        LocalDate decidedOn = LocalDate.now(clock.withZone(PARIS));
        commands.send(task, new RecordFundingDecisionCommand(applicationId, granted, grants, StepVariables.string(task, REASONS), decidedOn));
        task.getExecution().setVariable(FUNDING_GRANTED, granted);
        if (!granted) {
            return;
        }
        String funderId = StepVariables.string(task, FUNDER_ID);
        FunderView funder = lookups.funder(funderId);
        Map<String, OrganisationView> organisations = new HashMap<>();
        List<StateAidParticipant> participants = new ArrayList<>();
        for (FundingLines.RequestLine request : FundingLines.requests(APPLICATION_REQUESTS, StepVariables.string(task, APPLICATION_REQUESTS))) {
            OrganisationView organisation = lookups.organisation(request.organisationId());
            organisations.put(request.organisationId(), organisation);
            participants.add(new StateAidParticipant(request.organisationId(), organisation.kind(),
                    request.industrialResearchCost(), request.experimentalDevelopmentCost()));
        }
        String justification = StepVariables.string(task, STATE_AID_JUSTIFICATION);
        List<String> conventionIds = new ArrayList<>();
        for (PartnerGrant grant : grants) {
            if (grant.amount().signum() <= 0) {
                continue;
            }
            commands.send(task, StateAidGrants.grant(projectId, applicationId, funderId, organisations.get(grant.organisationId()),
                    participants, grant.amount(), justification));
            conventionIds.add(GrantedAid.conventionId(applicationId, grant.organisationId()));
        }
        task.getExecution().setVariable(CONVENTION_IDS, StepVariables.list(conventionIds));
        task.getExecution().setVariable(CONTRACTING_DEADLINE_AT,
                StepVariables.endOf(decidedOn.plusMonths(funder.contractingDeadlineMonths())));
    }
}

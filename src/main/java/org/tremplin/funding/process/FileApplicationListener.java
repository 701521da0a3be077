package org.tremplin.funding.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.tremplin.funding.api.CallView;
import org.tremplin.funding.api.CheckCallEligibilityCommand;
import org.tremplin.funding.api.FunderView;
import org.tremplin.funding.api.PartnerRequest;
import org.tremplin.funding.api.SubmitFundingApplicationCommand;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.organisation.api.OrganisationView;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.platform.process.StepVariables;
import org.tremplin.project.api.PartnerStatus;
import org.tremplin.project.api.ProjectStatus;
import org.tremplin.project.api.ProjectView;
import org.tremplin.shared.DomainException;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.tremplin.funding.process.FundingApplicationProcess.Variables.*;

/**
 * Completing {@code user_file_application}: the call must accept the consortium today (window, partner kinds, label,
 * size), every line must name a partner of the consortium, and the application checks each request against the
 * funder's rate. Kind and territory come from the organisation registry, not from the form.
 */
@Component
public class FileApplicationListener implements TaskListener {

    private static final ZoneId PARIS = org.tremplin.shared.ParisTime.ZONE;

    private final StepCommands commands;
    private final FundingLookups lookups;
    private final Clock clock;
    private final Set<String> territory;

    public FileApplicationListener(StepCommands commands, FundingLookups lookups, Clock clock,
                                   @Value("${tremplin.funding.pole-territory:Auvergne-Rhône-Alpes}") List<String> territory) {
        this.commands = commands;
        this.lookups = lookups;
        this.clock = clock;
        this.territory = new HashSet<>(territory.stream().map(String::strip).toList());
    }

    @Override
    public void notify(DelegateTask task) {
        String projectId = task.getExecution().getProcessBusinessKey();
        List<FundingLines.RequestLine> lines = FundingLines.requests(REQUESTS, StepVariables.string(task, REQUESTS));
        ProjectView project = lookups.project(projectId);
        CallView call = lookups.call(StepVariables.string(task, CALL_ID));
        FunderView funder = lookups.funder(call.funderId());
        List<PartnerRequest> requests = new ArrayList<>();
        Set<OrganisationKind> kinds = EnumSet.noneOf(OrganisationKind.class);
        BigDecimal total = BigDecimal.ZERO;
        for (FundingLines.RequestLine line : lines) {
            boolean partner = project.partners().stream().anyMatch(p -> p.organisationId().equals(line.organisationId())
                    && (p.status() == PartnerStatus.LEAD || p.status() == PartnerStatus.JOINED));
            if (!partner) {
                throw DomainException.invalid(line.organisationId() + " is not a partner of the consortium of " + projectId);
            }
            OrganisationView organisation = lookups.organisation(line.organisationId());
            kinds.add(organisation.kind());
            total = total.add(line.industrialResearchCost()).add(line.experimentalDevelopmentCost());
            requests.add(new PartnerRequest(organisation.id(), organisation.kind(), territory.contains(organisation.region()),
                    line.industrialResearchCost(), line.experimentalDevelopmentCost(), line.requestedAmount()));
        }
        boolean labelled = project.status() == ProjectStatus.FUNDING || "GRANTED".equals(project.labelDecision());
        commands.send(task, new CheckCallEligibilityCommand(call.id(), LocalDate.now(clock.withZone(PARIS)), kinds, labelled, total));
        commands.send(task, new SubmitFundingApplicationCommand(StepVariables.string(task, APPLICATION_ID), projectId, call.id(),
                call.code(), funder.id(), funder.kind(), labelled, funder.contractingDeadlineMonths(), requests));
        task.getExecution().setVariable(APPLICATION_REQUESTS, StepVariables.string(task, REQUESTS));
    }
}

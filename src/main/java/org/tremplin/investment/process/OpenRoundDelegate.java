package org.tremplin.investment.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.tremplin.investment.api.Instrument;
import org.tremplin.investment.api.OpenRoundCommand;
import org.tremplin.investment.api.RoundTerms;
import org.tremplin.project.api.PartnerStatus;
import org.tremplin.project.api.ProjectView;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.platform.process.StepVariables;
import org.tremplin.shared.DomainException;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.tremplin.investment.process.InvestmentRoundProcess.Variables.*;

/**
 * {@code service_open_round}: the round opens with its terms; for a project's company, the project's status and the
 * company's place in it are read here and judged by the aggregate.
 */
@Component
public class OpenRoundDelegate implements JavaDelegate {

    private static final ZoneId PARIS = org.tremplin.shared.ParisTime.ZONE;

    private final StepCommands commands;
    private final InvestmentLookups lookups;
    private final Clock clock;

    public OpenRoundDelegate(StepCommands commands, InvestmentLookups lookups, Clock clock) {
        this.commands = commands;
        this.lookups = lookups;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String company = StepVariables.string(execution, COMPANY_ORGANISATION_ID);
        String projectId = StepVariables.string(execution, PROJECT_ID);
        String projectStatus = null;
        boolean companyInProject = false;
        if (projectId != null && !projectId.isBlank()) {
            ProjectView project = lookups.project(projectId.strip())
                    .orElseThrow(() -> DomainException.notFound("No project " + projectId));
            projectStatus = project.status().name();
            companyInProject = project.partners().stream()
                    .filter(p -> p.status() == PartnerStatus.LEAD || p.status() == PartnerStatus.JOINED)
                    .filter(p -> p.kind() != org.tremplin.organisation.api.OrganisationKind.RESEARCH_LAB)
                    .anyMatch(p -> p.organisationId().equals(company));
        }
        RoundTerms terms = new RoundTerms(StepVariables.enumValue(execution, INSTRUMENT, Instrument.class),
                StepVariables.euros(execution, TARGET_AMOUNT), StepVariables.euros(execution, MINIMUM_RAISE),
                StepVariables.euros(execution, MAXIMUM_RAISE), StepVariables.euros(execution, MINIMUM_TICKET),
                StepVariables.euros(execution, PRE_MONEY_VALUATION), StepVariables.date(execution, CLOSING_DATE),
                Boolean.TRUE.equals(StepVariables.bool(execution, ALL_OR_NOTHING)));
        commands.send(execution, new OpenRoundCommand(execution.getProcessBusinessKey(),
                StepVariables.string(execution, ROUND_TITLE), company, projectId, projectStatus, companyInProject, terms,
                Boolean.TRUE.equals(StepVariables.bool(execution, SHARE_PASSPORT)),
                Boolean.TRUE.equals(StepVariables.bool(execution, SHARE_COMMITMENTS)), LocalDate.now(clock.withZone(PARIS))));
    }
}

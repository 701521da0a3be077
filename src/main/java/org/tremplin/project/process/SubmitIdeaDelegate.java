package org.tremplin.project.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.platform.process.StepVariables;
import org.tremplin.project.api.ConfidentialityLevel;
import org.tremplin.project.api.PartnerOrganisation;
import org.tremplin.project.api.SubmitIdeaCommand;

import java.math.BigDecimal;

import static org.tremplin.project.process.ProjectLifecycleProcess.Variables.*;

/** {@code service_submit_idea}: the idea's variables become a {@link SubmitIdeaCommand}. */
@Component
public class SubmitIdeaDelegate implements JavaDelegate {

    private final StepCommands commands;

    public SubmitIdeaDelegate(StepCommands commands) {
        this.commands = commands;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object budget = execution.getVariable(PLANNED_BUDGET);
        commands.send(execution, new SubmitIdeaCommand(
                execution.getProcessBusinessKey(),
                StepVariables.string(execution, TITLE),
                StepVariables.string(execution, SUMMARY),
                StepVariables.string(execution, THEMATIC_AXIS),
                StepVariables.enumValue(execution, CONFIDENTIALITY, ConfidentialityLevel.class),
                new PartnerOrganisation(StepVariables.string(execution, CARRIER_ORGANISATION_ID),
                        StepVariables.string(execution, CARRIER_NAME),
                        StepVariables.enumValue(execution, CARRIER_KIND, OrganisationKind.class)),
                budget == null ? null : new BigDecimal(budget.toString())));
    }
}

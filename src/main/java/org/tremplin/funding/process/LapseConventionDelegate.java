package org.tremplin.funding.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.tremplin.funding.api.LapseConventionCommand;
import org.tremplin.funding.api.RecordStateAidCommand;
import org.tremplin.funding.api.ReleaseStateAidCommand;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.platform.process.StepVariables;

import java.math.BigDecimal;

import static org.tremplin.funding.process.FundingConventionProcess.Variables.*;

/**
 * {@code service_lapse_convention} (the contracting deadline's timer): the unsigned convention lapses and its grant
 * leaves the partner's state-aid ledger, in one transaction.
 */
@Component
public class LapseConventionDelegate implements JavaDelegate {

    private final StepCommands commands;

    public LapseConventionDelegate(StepCommands commands) {
        this.commands = commands;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String applicationId = ConventionSteps.applicationId(execution);
        BigDecimal released = commands.send(execution, new LapseConventionCommand(applicationId, ConventionSteps.conventionId(execution)));
        if (released != null && released.signum() > 0) {
            String projectId = execution.getProcessBusinessKey();
            commands.send(execution, new ReleaseStateAidCommand(
                    RecordStateAidCommand.ledgerId(projectId, ConventionSteps.organisationId(execution)), applicationId,
                    StepVariables.string(execution, FUNDER_ID), released, "Convention lapsed unsigned"));
        }
    }
}

package org.tremplin.investment.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.tremplin.investment.api.LapseUnconfirmedCommitmentsCommand;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.platform.process.StepVariables;

import static org.tremplin.investment.process.InvestmentRoundProcess.Variables.AMENDMENT;

/** {@code service_lapse_unconfirmed} (the reconfirmation deadline's timer): commitments not reconfirmed lapse, one event each. */
@Component
public class LapseUnconfirmedCommitmentsDelegate implements JavaDelegate {

    private final StepCommands commands;

    public LapseUnconfirmedCommitmentsDelegate(StepCommands commands) {
        this.commands = commands;
    }

    @Override
    public void execute(DelegateExecution execution) {
        commands.send(execution, new LapseUnconfirmedCommitmentsCommand(execution.getProcessBusinessKey(),
                StepVariables.integer(execution, AMENDMENT)));
    }
}

package org.tremplin.investment.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.tremplin.investment.api.CloseRoundCommand;
import org.tremplin.investment.api.RoundStatus;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.platform.process.StepVariables;

import java.time.Clock;
import java.time.LocalDate;

import static org.tremplin.investment.process.InvestmentRoundProcess.Variables.CLOSE_REASON;
import static org.tremplin.investment.process.InvestmentRoundProcess.Variables.ROUND_OUTCOME;

/** Completing {@code user_close_round}: pole staff close the round before its date, with the reason. */
@Component
public class CloseRoundEarlyListener implements TaskListener {

    private final StepCommands commands;
    private final Clock clock;

    public CloseRoundEarlyListener(StepCommands commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @Override
    public void notify(DelegateTask task) {
        RoundStatus outcome = commands.send(task, new CloseRoundCommand(task.getExecution().getProcessBusinessKey(),
                LocalDate.now(clock.withZone(org.tremplin.shared.ParisTime.ZONE)), true, StepVariables.string(task, CLOSE_REASON)));
        task.getExecution().setVariable(ROUND_OUTCOME, outcome.name());
    }
}

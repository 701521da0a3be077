package org.tremplin.investment.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.tremplin.investment.api.CloseRoundCommand;
import org.tremplin.investment.api.RoundStatus;
import org.tremplin.platform.process.StepCommands;

import java.time.Clock;
import java.time.LocalDate;

import static org.tremplin.investment.process.InvestmentRoundProcess.Variables.ROUND_OUTCOME;

/** {@code service_close_round} (the closing date's timer): the round closes with its allocations, or is cancelled. */
@Component
public class CloseRoundDelegate implements JavaDelegate {

    private final StepCommands commands;
    private final Clock clock;

    public CloseRoundDelegate(StepCommands commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        RoundStatus outcome = commands.send(execution, new CloseRoundCommand(execution.getProcessBusinessKey(),
                LocalDate.now(clock.withZone(org.tremplin.shared.ParisTime.ZONE)), false, null));
        execution.setVariable(ROUND_OUTCOME, outcome.name());
    }
}

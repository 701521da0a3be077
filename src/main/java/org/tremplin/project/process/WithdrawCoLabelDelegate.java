package org.tremplin.project.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.platform.process.StepVariables;
import org.tremplin.project.api.WithdrawCoLabelRequestCommand;

import static org.tremplin.project.process.CoLabellingProcess.Variables.*;

/** {@code service_withdraw_colabel}: the withdrawal message becomes a {@link WithdrawCoLabelRequestCommand}. */
@Component
public class WithdrawCoLabelDelegate implements JavaDelegate {

    private final StepCommands commands;

    public WithdrawCoLabelDelegate(StepCommands commands) {
        this.commands = commands;
    }

    @Override
    public void execute(DelegateExecution execution) {
        commands.send(execution, new WithdrawCoLabelRequestCommand(StepVariables.string(execution, CO_LABEL_ID),
                StepVariables.string(execution, WITHDRAWAL_REASON), commands.currentActor()));
    }
}

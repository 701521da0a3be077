package org.tremplin.project.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.platform.process.StepVariables;
import org.tremplin.project.api.ClosePreLabelRoundCommand;
import org.tremplin.project.api.RequestPreLabelCommand;

import static org.tremplin.project.process.PreLabellingProcess.Variables.CLOSE_REASON;

/** {@code service_close_prelabel}: the closing message becomes a {@link ClosePreLabelRoundCommand}. */
@Component
public class ClosePreLabelDelegate implements JavaDelegate {

    private final StepCommands commands;

    public ClosePreLabelDelegate(StepCommands commands) {
        this.commands = commands;
    }

    @Override
    public void execute(DelegateExecution execution) {
        commands.send(execution, new ClosePreLabelRoundCommand(RequestPreLabelCommand.idOf(execution.getProcessBusinessKey()),
                StepVariables.string(execution, CLOSE_REASON), commands.currentActor()));
    }
}

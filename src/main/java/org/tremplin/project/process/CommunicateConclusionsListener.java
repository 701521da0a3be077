package org.tremplin.project.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.platform.process.StepVariables;
import org.tremplin.project.api.CommunicateConclusionsCommand;

import static org.tremplin.project.process.LabellingProcess.Variables.MESSAGE;

/** Completing {@code user_communicate_conclusions}: the decision and the experts' conclusions reach the carrier. */
@Component
public class CommunicateConclusionsListener implements TaskListener {

    private final StepCommands commands;

    public CommunicateConclusionsListener(StepCommands commands) {
        this.commands = commands;
    }

    @Override
    public void notify(DelegateTask task) {
        commands.send(task, new CommunicateConclusionsCommand(task.getExecution().getProcessBusinessKey(),
                StepVariables.string(task, MESSAGE)));
    }
}

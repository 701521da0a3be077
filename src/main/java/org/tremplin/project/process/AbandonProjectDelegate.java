package org.tremplin.project.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.platform.process.StepVariables;
import org.tremplin.project.api.AbandonProjectCommand;

import static org.tremplin.project.process.ProjectLifecycleProcess.Variables.ABANDON_REASON;

/** {@code service_abandon_project}: records why the project was abandoned. */
@Component
public class AbandonProjectDelegate implements JavaDelegate {

    private final StepCommands commands;

    public AbandonProjectDelegate(StepCommands commands) {
        this.commands = commands;
    }

    @Override
    public void execute(DelegateExecution execution) {
        commands.send(execution, new AbandonProjectCommand(execution.getProcessBusinessKey(),
                StepVariables.string(execution, ABANDON_REASON)));
    }
}

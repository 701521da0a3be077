package org.tremplin.project.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.project.api.CloseProjectCommand;

/** {@code service_close_project}: every funder's application has ended; the project closes. */
@Component
public class CloseProjectDelegate implements JavaDelegate {

    private final StepCommands commands;

    public CloseProjectDelegate(StepCommands commands) {
        this.commands = commands;
    }

    @Override
    public void execute(DelegateExecution execution) {
        commands.send(execution, new CloseProjectCommand(execution.getProcessBusinessKey()));
    }
}

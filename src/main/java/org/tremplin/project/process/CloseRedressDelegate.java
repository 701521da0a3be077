package org.tremplin.project.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.project.api.CloseRedressPeriodCommand;

/** {@code service_close_redress}, after {@code timer_redress_deadline}: an uncontested refusal becomes final. */
@Component
public class CloseRedressDelegate implements JavaDelegate {

    private final StepCommands commands;

    public CloseRedressDelegate(StepCommands commands) {
        this.commands = commands;
    }

    @Override
    public void execute(DelegateExecution execution) {
        commands.send(execution, new CloseRedressPeriodCommand(execution.getProcessBusinessKey()));
    }
}

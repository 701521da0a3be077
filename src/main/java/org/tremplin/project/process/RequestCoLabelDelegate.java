package org.tremplin.project.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.platform.process.StepVariables;
import org.tremplin.project.api.ProjectStatus;
import org.tremplin.project.api.RequestCoLabelCommand;

import static org.tremplin.project.process.CoLabellingProcess.Variables.*;

/** {@code service_request_colabel}: the request's variables become a {@link RequestCoLabelCommand}. */
@Component
public class RequestCoLabelDelegate implements JavaDelegate {

    private final StepCommands commands;

    public RequestCoLabelDelegate(StepCommands commands) {
        this.commands = commands;
    }

    @Override
    public void execute(DelegateExecution execution) {
        commands.send(execution, new RequestCoLabelCommand(StepVariables.string(execution, CO_LABEL_ID),
                execution.getProcessBusinessKey(),
                StepVariables.enumValue(execution, PROJECT_STATUS, ProjectStatus.class),
                StepVariables.string(execution, POLE_ID), StepVariables.string(execution, POLE_NAME),
                commands.currentActor(), StepVariables.string(execution, REQUEST_MESSAGE)));
    }
}

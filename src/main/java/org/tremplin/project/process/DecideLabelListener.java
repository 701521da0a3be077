package org.tremplin.project.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.platform.process.StepVariables;
import org.tremplin.project.api.DecideLabelCommand;

import static org.tremplin.project.process.LabellingProcess.Variables.*;

/** Completing {@code user_decide_label}: the committee grants or refuses the label, with its reasons. */
@Component
public class DecideLabelListener implements TaskListener {

    private final StepCommands commands;

    public DecideLabelListener(StepCommands commands) {
        this.commands = commands;
    }

    @Override
    public void notify(DelegateTask task) {
        Boolean granted = StepVariables.bool(task, GRANTED);
        commands.send(task, new DecideLabelCommand(task.getExecution().getProcessBusinessKey(), granted,
                StepVariables.string(task, REASONS)));
        task.getExecution().setVariable(LABEL_GRANTED, granted);
    }
}

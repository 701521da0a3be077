package org.tremplin.project.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.platform.process.StepVariables;
import org.tremplin.project.api.DecideRedressCommand;

import static org.tremplin.project.process.LabellingProcess.Variables.*;

/**
 * Completing {@code user_decide_redress}: staff confirm the contested refusal, or send the file back to a new review
 * ({@code xor_redress_upheld} then loops to {@code user_assign_reviewers}). Either way the redress is used up.
 */
@Component
public class DecideRedressListener implements TaskListener {

    private final StepCommands commands;

    public DecideRedressListener(StepCommands commands) {
        this.commands = commands;
    }

    @Override
    public void notify(DelegateTask task) {
        Boolean confirm = StepVariables.bool(task, CONFIRM_REFUSAL);
        commands.send(task, new DecideRedressCommand(task.getExecution().getProcessBusinessKey(), confirm,
                StepVariables.string(task, REDRESS_REASONS)));
        task.getExecution().setVariable(REFUSAL_CONFIRMED, confirm);
        task.getExecution().setVariable(REDRESS_DECIDED, true);
    }
}

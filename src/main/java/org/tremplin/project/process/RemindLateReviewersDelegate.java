package org.tremplin.project.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.project.api.RemindLateReviewersCommand;

/** {@code service_remind_reviewers}, after {@code timer_review_overdue}: reviewers still due are reminded. */
@Component
public class RemindLateReviewersDelegate implements JavaDelegate {

    private final StepCommands commands;

    public RemindLateReviewersDelegate(StepCommands commands) {
        this.commands = commands;
    }

    @Override
    public void execute(DelegateExecution execution) {
        commands.send(execution, new RemindLateReviewersCommand(execution.getProcessBusinessKey()));
    }
}

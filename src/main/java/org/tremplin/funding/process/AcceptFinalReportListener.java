package org.tremplin.funding.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.tremplin.funding.api.AcceptFinalReportCommand;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.platform.process.StepVariables;

import static org.tremplin.funding.process.FundingConventionProcess.Variables.COMMENT;

/** Completing {@code user_accept_final_report}: the funder accepts the final report; the balance may be paid. */
@Component
public class AcceptFinalReportListener implements TaskListener {

    private final StepCommands commands;

    public AcceptFinalReportListener(StepCommands commands) {
        this.commands = commands;
    }

    @Override
    public void notify(DelegateTask task) {
        String comment = StepVariables.string(task, COMMENT);
        commands.send(task, new AcceptFinalReportCommand(ConventionSteps.applicationId(task), ConventionSteps.conventionId(task),
                comment == null || comment.isBlank() ? null : comment));
    }
}

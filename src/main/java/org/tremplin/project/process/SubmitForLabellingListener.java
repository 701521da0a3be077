package org.tremplin.project.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.platform.process.StepVariables;
import org.tremplin.project.api.AgreementRequiredBefore;
import org.tremplin.project.api.RequireSignedConsortiumAgreementCommand;
import org.tremplin.project.api.SubmitForLabellingCommand;
import org.tremplin.shared.DomainException;

import static org.tremplin.project.process.ProjectLifecycleProcess.Variables.CONSORTIUM_COMPLETE;

/**
 * Completing {@code user_build_consortium} submits the project for labelling; the consortium rule is checked then, and
 * the consortium agreement's signatures when the pole requires it before labelling.
 */
@Component
public class SubmitForLabellingListener implements TaskListener {

    private final StepCommands commands;

    public SubmitForLabellingListener(StepCommands commands) {
        this.commands = commands;
    }

    @Override
    public void notify(DelegateTask task) {
        if (!Boolean.TRUE.equals(StepVariables.bool(task, CONSORTIUM_COMPLETE))) {
            throw DomainException.invalid(CONSORTIUM_COMPLETE + " must be true to submit the project for labelling");
        }
        String projectId = task.getExecution().getProcessBusinessKey();
        commands.send(task, new RequireSignedConsortiumAgreementCommand(projectId, AgreementRequiredBefore.LABELLING));
        commands.send(task, new SubmitForLabellingCommand(projectId));
    }
}

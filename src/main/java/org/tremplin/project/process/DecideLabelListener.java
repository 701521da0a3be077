package org.tremplin.project.process;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.tremplin.funding.api.CarrierCapacityView;
import org.tremplin.funding.api.FindProjectCapacityQuery;
import org.tremplin.funding.api.ProjectCapacityView;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.platform.process.StepVariables;
import org.tremplin.project.api.CapacityVerdictShown;
import org.tremplin.project.api.DecideLabelCommand;

import java.util.List;

import static org.tremplin.project.process.LabellingProcess.Variables.*;

/**
 * Completing {@code user_decide_label}: the committee grants or refuses the label, with its reasons. The carrier's and
 * each partner's capacity verdicts, computed from the read models in this transaction exactly as the task's page shows
 * them, go into the decision's event (src/docs/capacity.md).
 */
@Component
public class DecideLabelListener implements TaskListener {

    private final StepCommands commands;
    private final QueryGateway queryGateway;

    public DecideLabelListener(StepCommands commands, QueryGateway queryGateway) {
        this.commands = commands;
        this.queryGateway = queryGateway;
    }

    @Override
    public void notify(DelegateTask task) {
        Boolean granted = StepVariables.bool(task, GRANTED);
        String projectId = task.getExecution().getProcessBusinessKey();
        commands.send(task, new DecideLabelCommand(projectId, granted, StepVariables.string(task, REASONS),
                shown(projectId)));
        task.getExecution().setVariable(LABEL_GRANTED, granted);
    }

    private List<CapacityVerdictShown> shown(String projectId) {
        ProjectCapacityView checks = queryGateway.query(new FindProjectCapacityQuery(projectId),
                ResponseTypes.instanceOf(ProjectCapacityView.class)).join();
        return checks.checks().stream().map(DecideLabelListener::shown).toList();
    }

    static CapacityVerdictShown shown(CarrierCapacityView check) {
        return new CapacityVerdictShown(check.organisationId(), check.verdict().name(), check.reasons(), check.asOf());
    }
}

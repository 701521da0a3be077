package org.tremplin.project.process;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.tremplin.organisation.api.FindOrganisationsOfUserQuery;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.platform.process.StepVariables;
import org.tremplin.project.api.ContestRefusalCommand;

import java.util.List;

import static org.tremplin.project.process.LabellingProcess.Variables.ARGUMENTS;

/**
 * Completing {@code user_contest_refusal}: the carrier contests the refusal with its arguments. The organisations the
 * acting user works for go with the command, so the project refuses anyone but the carrier.
 */
@Component
public class ContestRefusalListener implements TaskListener {

    private final StepCommands commands;
    private final QueryGateway queryGateway;

    public ContestRefusalListener(StepCommands commands, QueryGateway queryGateway) {
        this.commands = commands;
        this.queryGateway = queryGateway;
    }

    @Override
    public void notify(DelegateTask task) {
        List<String> organisations = queryGateway.query(new FindOrganisationsOfUserQuery(commands.currentActor()),
                ResponseTypes.multipleInstancesOf(String.class)).join();
        commands.send(task, new ContestRefusalCommand(task.getExecution().getProcessBusinessKey(), organisations,
                StepVariables.string(task, ARGUMENTS)));
    }
}

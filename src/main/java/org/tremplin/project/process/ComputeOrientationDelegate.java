package org.tremplin.project.process;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.tremplin.funding.api.FindFundingOrientationQuery;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.platform.process.StepVariables;
import org.tremplin.project.api.PreLabelOrientation;
import org.tremplin.project.api.RecordPreLabelOrientationCommand;
import org.tremplin.project.api.RequestPreLabelCommand;

import static org.tremplin.project.process.PreLabellingProcess.Variables.*;

/**
 * {@code service_compute_orientation}: the funding orientation computed from the read models
 * ({@link FindFundingOrientationQuery}) is kept with the round.
 */
@Component
public class ComputeOrientationDelegate implements JavaDelegate {

    private final StepCommands commands;
    private final QueryGateway queryGateway;

    public ComputeOrientationDelegate(StepCommands commands, QueryGateway queryGateway) {
        this.commands = commands;
        this.queryGateway = queryGateway;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String projectId = execution.getProcessBusinessKey();
        PreLabelOrientation orientation = queryGateway.query(new FindFundingOrientationQuery(projectId),
                ResponseTypes.instanceOf(PreLabelOrientation.class)).join();
        commands.send(execution, new RecordPreLabelOrientationCommand(RequestPreLabelCommand.idOf(projectId),
                StepVariables.integer(execution, ROUND), orientation));
    }
}

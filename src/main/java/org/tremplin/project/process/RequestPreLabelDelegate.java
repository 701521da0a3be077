package org.tremplin.project.process;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.platform.process.StepVariables;
import org.tremplin.project.api.FindProjectQuery;
import org.tremplin.project.api.ProjectView;
import org.tremplin.project.api.RequestPreLabelCommand;
import org.tremplin.shared.DomainException;

import static org.tremplin.project.process.PreLabellingProcess.Variables.*;

/** {@code service_request_prelabel}: the request, with the project's status as read now; sets {@code round}. */
@Component
public class RequestPreLabelDelegate implements JavaDelegate {

    private final StepCommands commands;
    private final QueryGateway queryGateway;

    public RequestPreLabelDelegate(StepCommands commands, QueryGateway queryGateway) {
        this.commands = commands;
        this.queryGateway = queryGateway;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String projectId = execution.getProcessBusinessKey();
        ProjectView project = queryGateway.query(new FindProjectQuery(projectId),
                        ResponseTypes.optionalInstanceOf(ProjectView.class)).join()
                .orElseThrow(() -> DomainException.notFound("No project " + projectId));
        Integer round = commands.send(execution, new RequestPreLabelCommand(RequestPreLabelCommand.idOf(projectId),
                projectId, project.status(), project.carrierOrganisationId(),
                StepVariables.string(execution, REQUESTED_BY), StepVariables.string(execution, NOTE)));
        execution.setVariable(ROUND, round);
    }
}

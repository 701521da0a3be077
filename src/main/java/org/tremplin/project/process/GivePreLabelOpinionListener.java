package org.tremplin.project.process;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.tremplin.organisation.api.FindOrganisationsOfUserQuery;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.platform.process.StepVariables;
import org.tremplin.project.api.FindProjectQuery;
import org.tremplin.project.api.GivePreLabelOpinionCommand;
import org.tremplin.project.api.PartnerStatus;
import org.tremplin.project.api.PreLabelOpinion;
import org.tremplin.project.api.ProjectView;
import org.tremplin.project.api.RequestPreLabelCommand;

import java.util.Arrays;
import java.util.List;

import static org.tremplin.project.process.PreLabellingProcess.Variables.*;

/**
 * Completing {@code user_give_prelabel_opinion}: the opinion, advice and required changes (one per line), with the
 * organisations the expert acts for and the consortium's, so that the pre-label refuses an expert who is not independent.
 */
@Component
public class GivePreLabelOpinionListener implements TaskListener {

    private final StepCommands commands;
    private final QueryGateway queryGateway;

    public GivePreLabelOpinionListener(StepCommands commands, QueryGateway queryGateway) {
        this.commands = commands;
        this.queryGateway = queryGateway;
    }

    @Override
    public void notify(DelegateTask task) {
        String projectId = task.getExecution().getProcessBusinessKey();
        String expert = commands.currentActor();
        List<String> expertOrganisations = queryGateway.query(new FindOrganisationsOfUserQuery(expert),
                ResponseTypes.multipleInstancesOf(String.class)).join();
        List<String> consortium = queryGateway.query(new FindProjectQuery(projectId),
                        ResponseTypes.optionalInstanceOf(ProjectView.class)).join()
                .map(p -> p.partners().stream().filter(partner -> partner.status() != PartnerStatus.DECLINED)
                        .map(ProjectView.PartnerView::organisationId).toList())
                .orElse(List.of());
        String changes = StepVariables.string(task, REQUIRED_CHANGES);
        commands.send(task, new GivePreLabelOpinionCommand(RequestPreLabelCommand.idOf(projectId),
                StepVariables.enumValue(task, OPINION, PreLabelOpinion.class), StepVariables.string(task, ADVICE),
                changes == null ? List.of() : Arrays.stream(changes.split("\\R")).map(String::strip)
                        .filter(s -> !s.isEmpty()).toList(),
                expert, expertOrganisations, consortium));
    }
}

package org.tremplin.project.process;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.tremplin.organisation.api.FindPartnerPolesOfUserQuery;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.platform.process.StepVariables;
import org.tremplin.project.api.DecideCoLabelCommand;

import java.util.List;

import static org.tremplin.project.process.CoLabellingProcess.Variables.*;

/**
 * Completing {@code user_decide_colabel}: a user of the partner pole grants or refuses its label with its conclusions.
 * The partner poles the acting user works for go with the command, so the co-labelling refuses anyone else.
 */
@Component
public class DecideCoLabelListener implements TaskListener {

    private final StepCommands commands;
    private final QueryGateway queryGateway;

    public DecideCoLabelListener(StepCommands commands, QueryGateway queryGateway) {
        this.commands = commands;
        this.queryGateway = queryGateway;
    }

    @Override
    public void notify(DelegateTask task) {
        String actor = commands.currentActor();
        List<String> poles = queryGateway.query(new FindPartnerPolesOfUserQuery(actor),
                ResponseTypes.multipleInstancesOf(String.class)).join();
        commands.send(task, new DecideCoLabelCommand(StepVariables.string(task, CO_LABEL_ID),
                StepVariables.bool(task, GRANTED), StepVariables.string(task, CONCLUSIONS), actor, poles));
    }
}

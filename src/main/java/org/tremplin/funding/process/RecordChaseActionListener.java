package org.tremplin.funding.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.tremplin.funding.api.FundingStage;
import org.tremplin.funding.api.RecordChaseActionCommand;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.platform.process.StepVariables;

import static org.tremplin.funding.process.FundingApplicationProcess.Variables.*;

/** Completing a {@code user_chase_*} task: what pole staff did to press the funder about the overdue stage. */
@Component
public class RecordChaseActionListener implements TaskListener {

    private final StepCommands commands;

    public RecordChaseActionListener(StepCommands commands) {
        this.commands = commands;
    }

    @Override
    public void notify(DelegateTask task) {
        commands.send(task, new RecordChaseActionCommand(StepVariables.string(task, APPLICATION_ID),
                StepVariables.string(task, FundingConventionProcess.Variables.CONVENTION_ID),
                StepVariables.enumValue(task, OVERDUE_STAGE, FundingStage.class), StepVariables.string(task, CHASE_ACTION)));
    }
}

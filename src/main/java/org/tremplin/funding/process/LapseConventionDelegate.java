package org.tremplin.funding.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.tremplin.funding.api.LapseConventionCommand;
import org.tremplin.platform.process.StepCommands;

/**
 * {@code service_lapse_convention} (the contracting deadline's timer): the unsigned convention lapses and its grant
 * leaves the partner's state-aid ledger ({@link StateAidFollowsConventions}, from the {@code ConventionLapsedEvent}),
 * in one transaction.
 */
@Component
public class LapseConventionDelegate implements JavaDelegate {

    private final StepCommands commands;

    public LapseConventionDelegate(StepCommands commands) {
        this.commands = commands;
    }

    @Override
    public void execute(DelegateExecution execution) {
        commands.send(execution, new LapseConventionCommand(ConventionSteps.applicationId(execution),
                ConventionSteps.conventionId(execution)));
    }
}

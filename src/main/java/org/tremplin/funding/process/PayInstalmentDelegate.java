package org.tremplin.funding.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.tremplin.funding.api.PayInstalmentCommand;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.platform.process.StepVariables;

import static org.tremplin.funding.process.FundingConventionProcess.Variables.STATEMENT_ID;

/**
 * {@code service_pay_instalment}: pays what the approved statement makes due (approved expenses times the rate, within
 * the interim cap, less what was paid); nothing when nothing is due.
 */
@Component
public class PayInstalmentDelegate implements JavaDelegate {

    private final StepCommands commands;

    public PayInstalmentDelegate(StepCommands commands) {
        this.commands = commands;
    }

    @Override
    public void execute(DelegateExecution execution) {
        commands.send(execution, new PayInstalmentCommand(ConventionSteps.applicationId(execution), ConventionSteps.conventionId(execution),
                ConventionSteps.newPaymentId(), StepVariables.string(execution, STATEMENT_ID), null));
    }
}
